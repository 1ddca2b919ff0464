package io.imagefactory.staterepo;

import static io.imagefactory.staterepo.TestPatches.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.sources.SourceFileResult;
import io.imagefactory.sources.SourceProblem;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.ImageRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(IsolatedGitConfig.class)
class StateRepositoryTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Repository remote;
  private ObjectId initial;

  @BeforeEach
  void createRemote() throws IOException {
    remote = GitFixtures.bare(tmp.resolve("remote.git"));
    Map<String, String> files = new LinkedHashMap<>();
    files.put("images.yaml", "- name: backstage\n");
    files.put("images/backstage.yaml", "name: backstage\n");
    files.put("base-images/node-22.yaml", "name: node-22\n");
    files.put("dist/image-factory.k8s.yaml", "kind: Project\n");
    files.put("example-images/api/Dockerfile", "FROM golang:1.23\n");
    initial = GitFixtures.commit(remote, "main", "initial state", files);
  }

  @AfterEach
  void closeRemote() {
    remote.close();
  }

  private StateRepository repository(StateRepositorySettings settings) {
    return new StateRepository(settings, DerivedFiles.NONE, Backoff.NONE, CLOCK, name -> null);
  }

  private StateRepositorySettings settings() {
    return StateRepositorySettings.of(tmp.resolve("remote.git").toString(), tmp.resolve("cache"));
  }

  @Test
  void readsImagesYamlAndStateFilesAtTheTipWithTheirCommit() {
    try (StateRepository state = repository(settings())) {
      StateTree tree = state.read();

      assertThat(tree.commitId()).isEqualTo(initial.name());
      assertThat(tree.files().keySet())
          .containsExactly("base-images/node-22.yaml", "images.yaml", "images/backstage.yaml");
      assertThat(tree.text("images/backstage.yaml")).contains("name: backstage\n");
      assertThat(tree.list("images")).containsExactly("images/backstage.yaml");
    }
  }

  @Test
  void readsADockerfileKeptInTheStateRepositoryAtTheReadCommit() throws IOException {
    try (StateRepository state = repository(settings())) {
      String commit = state.read().commitId();
      GitFixtures.commit(
          remote, "main", "change", Map.of("example-images/api/Dockerfile", "FROM golang:1.24\n"));

      SourceFileResult dockerfile = state.readFile(commit, "example-images/api/Dockerfile");

      assertThat(dockerfile.ok()).isTrue();
      assertThat(dockerfile.text()).isEqualTo("FROM golang:1.23\n");
      assertThat(dockerfile.commitId()).isEqualTo(commit);
      assertThat(state.readFile(commit, "../etc/passwd").problem())
          .isEqualTo(SourceProblem.PATH_OUTSIDE_REPOSITORY);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"path", "file-url"})
  void commitsABatchOnceAndListsEveryPatchInTheMessage(String form) throws IOException {
    Path dir = tmp.resolve("remote.git");
    String url = form.equals("path") ? dir.toString() : dir.toUri().toString();
    try (StateRepository state =
        repository(StateRepositorySettings.of(url, tmp.resolve("cache")))) {
      ApplyResult result =
          state.apply(
              List.of(
                  write(
                      "enroll backstage",
                      "images/backstage.yaml",
                      "name: backstage\nstatus: enrolled\n"),
                  write(
                      "discover node-22-bookworm-slim",
                      "base-images/node-22-bookworm-slim.yaml",
                      "name: node\n")));

      assertThat(result.committed()).isTrue();
      assertThat(result.attempts()).isEqualTo(1);
      assertThat(result.changedPaths())
          .containsExactly("base-images/node-22-bookworm-slim.yaml", "images/backstage.yaml");
      List<RevCommit> history = GitFixtures.history(remote, "main");
      assertThat(history).hasSize(2);
      RevCommit commit = history.get(0);
      assertThat(commit.getName()).isEqualTo(result.commitId());
      assertThat(commit.getParents())
          .extracting(RevCommit::getName)
          .containsExactly(initial.name());
      assertThat(commit.getShortMessage())
          .isEqualTo("image-factory: enroll backstage; discover node-22-bookworm-slim");
      assertThat(commit.getFullMessage())
          .contains("- enroll backstage\n- discover node-22-bookworm-slim\n")
          .contains("  A base-images/node-22-bookworm-slim.yaml\n  M images/backstage.yaml\n");
      assertThat(commit.getCommitterIdent().getName()).isEqualTo("Image Factory");
      assertThat(commit.getCommitterIdent().getEmailAddress()).isEqualTo("image-factory@localhost");
      assertThat(commit.getCommitterIdent().getWhenAsInstant()).isEqualTo(CLOCK.instant());
      assertThat(GitFixtures.read(remote, "main", "images/backstage.yaml"))
          .isEqualTo("name: backstage\nstatus: enrolled\n");
      assertThat(GitFixtures.read(remote, "main", "images.yaml")).isEqualTo("- name: backstage\n");
      assertThat(GitFixtures.read(remote, "main", "dist/image-factory.k8s.yaml"))
          .isEqualTo("kind: Project\n");
    }
  }

  @Test
  void makesNoCommitWhenTheBatchChangesNoByte() throws IOException {
    try (StateRepository state = repository(settings())) {
      List<StatePatch> batch =
          List.of(
              write("enroll backstage", "images/backstage.yaml", "name: backstage\n"),
              TestPatches.delete("forget nothing", "images/never-existed.yaml"));

      ApplyResult result = state.apply(batch);

      assertThat(result.committed()).isFalse();
      assertThat(result.commitId()).isEqualTo(initial.name());
      assertThat(result.applied()).isEmpty();
      assertThat(GitFixtures.history(remote, "main")).hasSize(1);
    }
  }

  @Test
  void reapplyingACommittedBatchMakesNoSecondCommit() throws IOException {
    try (StateRepository state = repository(settings())) {
      List<StatePatch> batch =
          List.of(TestPatches.addLine("add a", "base-images/node-22.yaml", "dependent: a"));
      assertThat(state.apply(batch).committed()).isTrue();

      assertThat(state.apply(batch).committed()).isFalse();
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
    }
  }

  @Test
  void deletesFilesAndSaysSo() throws IOException {
    try (StateRepository state = repository(settings())) {
      ApplyResult result =
          state.apply(List.of(TestPatches.delete("remove backstage", "images/backstage.yaml")));

      assertThat(result.changedPaths()).containsExactly("images/backstage.yaml");
      assertThat(GitFixtures.read(remote, "main", "images/backstage.yaml")).isNull();
      assertThat(GitFixtures.history(remote, "main").get(0).getFullMessage())
          .contains("  D images/backstage.yaml");
    }
  }

  @Test
  void rejectsAPatchThatWritesImagesYamlAndCommitsTheRest() throws IOException {
    try (StateRepository state = repository(settings())) {
      ApplyResult result =
          state.apply(
              List.of(
                  TestPatches.all(
                      "sneak",
                      write("x", "images/sneak.yaml", "a"),
                      write("y", "images.yaml", "- name: evil\n")),
                  write("enroll web", "images/web.yaml", "name: web\n")));

      assertThat(result.committed()).isTrue();
      assertThat(result.rejected()).hasSize(1);
      assertThat(result.rejected().get(0).index()).isZero();
      assertThat(result.rejected().get(0).patch()).isEqualTo("sneak");
      assertThat(result.rejected().get(0).reason())
          .contains("images.yaml")
          .contains("never writes");
      assertThat(result.applied()).containsExactly("enroll web");
      assertThat(GitFixtures.read(remote, "main", "images.yaml")).isEqualTo("- name: backstage\n");
      assertThat(GitFixtures.read(remote, "main", "images/sneak.yaml")).isNull();
      assertThat(GitFixtures.read(remote, "main", "images/web.yaml")).isEqualTo("name: web\n");
    }
  }

  @Test
  void refusesToDeleteImagesYaml() {
    try (StateRepository state = repository(settings())) {
      ApplyResult result = state.apply(List.of(TestPatches.delete("drop config", "images.yaml")));

      assertThat(result.committed()).isFalse();
      assertThat(result.rejected())
          .extracting(PatchRejection::reason)
          .allMatch(r -> r.contains("images.yaml"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../outside.yaml",
        "/etc/passwd",
        ".git/config",
        "images/../../x",
        "images/.GIT/hooks/pre-commit",
        "images\\evil",
        "a//b",
        ""
      })
  void rejectsPathsThatLeaveTheRepository(String path) throws IOException {
    try (StateRepository state = repository(settings())) {
      ApplyResult result = state.apply(List.of(write("escape", path, "x")));

      assertThat(result.committed()).isFalse();
      assertThat(result.rejected())
          .singleElement()
          .satisfies(r -> assertThat(r.reason()).isNotBlank());
      assertThat(GitFixtures.history(remote, "main")).hasSize(1);
    }
  }

  @Test
  void commitsDerivedFilesWithTheStateTheyComeFrom() throws IOException {
    DerivedFiles render =
        files ->
            List.of(
                FileChange.update(
                    "dist/image-factory.k8s.yaml", "images: " + files.list("images") + "\n"));
    try (StateRepository state =
        new StateRepository(settings(), render, Backoff.NONE, CLOCK, n -> null)) {
      ApplyResult result =
          state.apply(List.of(write("enroll web", "images/web.yaml", "name: web\n")));

      assertThat(result.changedPaths())
          .containsExactly("dist/image-factory.k8s.yaml", "images/web.yaml");
      assertThat(GitFixtures.read(remote, "main", "dist/image-factory.k8s.yaml"))
          .isEqualTo("images: [images/backstage.yaml, images/web.yaml]\n");
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
    }
  }

  @Test
  void usesTheConfiguredCommitterAndBranch() throws IOException {
    GitFixtures.commit(remote, "state", "other branch", Map.of("images.yaml", "[]\n"));
    StateRepositorySettings settings =
        settings().withBranch("state").withCommitter("Factory Bot", "bot@example.com");
    try (StateRepository state = repository(settings)) {
      state.apply(List.of(write("enroll web", "images/web.yaml", "name: web\n")));

      RevCommit tip = GitFixtures.history(remote, "state").get(0);
      assertThat(tip.getAuthorIdent().getName()).isEqualTo("Factory Bot");
      assertThat(tip.getCommitterIdent().getEmailAddress()).isEqualTo("bot@example.com");
      assertThat(GitFixtures.read(remote, "main", "images/web.yaml")).isNull();
    }
  }

  @Test
  void failsClearlyWhenTheBranchDoesNotExist() {
    try (StateRepository state = repository(settings().withBranch("nope"))) {
      assertThatThrownBy(state::read)
          .isInstanceOf(StateRepositoryException.class)
          .hasMessageContaining("has no branch nope")
          .satisfies(e -> assertThat(((StateRepositoryException) e).retryable()).isFalse());
    }
  }

  @Test
  void reappliesThePatchesOnTheNewTipWhenSomeoneElsePushedFirst() throws IOException {
    try (StateRepository state = repository(settings())) {
      AtomicInteger pushes = new AtomicInteger();
      state.onBeforePush(
          commit -> {
            if (pushes.getAndIncrement() == 0) {
              humanCommit(
                  "human edits images.yaml", "images.yaml", "- name: backstage\n- name: web\n");
            }
          });

      ApplyResult result =
          state.apply(
              List.of(TestPatches.addLine("add a", "base-images/node-22.yaml", "dependent: a")));

      assertThat(result.committed()).isTrue();
      assertThat(result.attempts()).isEqualTo(2);
      List<RevCommit> history = GitFixtures.history(remote, "main");
      assertThat(history)
          .extracting(RevCommit::getShortMessage)
          .containsExactly("image-factory: add a", "human edits images.yaml", "initial state");
      assertThat(history.get(0).getParentCount()).isEqualTo(1);
      assertThat(GitFixtures.read(remote, "main", "images.yaml"))
          .isEqualTo("- name: backstage\n- name: web\n");
      assertThat(GitFixtures.read(remote, "main", "base-images/node-22.yaml"))
          .isEqualTo("dependent: a\nname: node-22\n");
    }
  }

  @Test
  void buildsOnTheTipItPushedLastAndStillKeepsAHumanCommitPushedSince() throws IOException {
    try (StateRepository state = repository(settings())) {
      state.apply(List.of(write("enroll web", "images/web.yaml", "name: web\n")));
      humanCommit("human edits images.yaml", "images.yaml", "- name: web\n");

      ApplyResult result =
          state.apply(List.of(write("enroll api", "images/api.yaml", "name: api\n")));

      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.history(remote, "main"))
          .extracting(RevCommit::getShortMessage)
          .containsExactly(
              "image-factory: enroll api",
              "human edits images.yaml",
              "image-factory: enroll web",
              "initial state");
      assertThat(GitFixtures.read(remote, "main", "images.yaml")).isEqualTo("- name: web\n");
    }
  }

  @Test
  void rendersDerivedFilesAgainOnlyWhenTheStateOrTheTreeChanged() throws IOException {
    AtomicInteger renders = new AtomicInteger();
    DerivedFiles render =
        files -> {
          renders.incrementAndGet();
          return List.of(
              FileChange.update(
                  "dist/image-factory.k8s.yaml", "images: " + files.list("images") + "\n"));
        };
    List<StatePatch> web = List.of(write("enroll web", "images/web.yaml", "name: web\n"));
    try (StateRepository state =
        new StateRepository(settings(), render, Backoff.NONE, CLOCK, n -> null)) {
      state.apply(web);
      int afterCommit = renders.get();

      ApplyResult unchanged = state.apply(web);
      ApplyResult again = state.apply(web);

      assertThat(unchanged.committed()).isFalse();
      assertThat(again.committed()).isFalse();
      assertThat(renders.get())
          .as("an unchanged state is not rendered again")
          .isEqualTo(afterCommit);

      humanCommit("human edits the manifests", "dist/image-factory.k8s.yaml", "stale\n");
      ApplyResult repaired = state.apply(web);

      assertThat(repaired.committed()).isTrue();
      assertThat(GitFixtures.read(remote, "main", "dist/image-factory.k8s.yaml"))
          .isEqualTo("images: [images/backstage.yaml, images/web.yaml]\n");

      state.apply(List.of(write("enroll api", "images/api.yaml", "name: api\n")));
      assertThat(GitFixtures.read(remote, "main", "dist/image-factory.k8s.yaml"))
          .isEqualTo("images: [images/api.yaml, images/backstage.yaml, images/web.yaml]\n");
    }
  }

  @Test
  void readsTheStateAtAnEarlierCommitAndNothingForAnUnknownOne() throws IOException {
    try (StateRepository state = repository(settings())) {
      state.apply(List.of(write("enroll web", "images/web.yaml", "name: web\n")));

      Optional<StateTree> before = state.readAt(initial.name(), StateTree.STATE_FILES);

      assertThat(before)
          .hasValueSatisfying(
              tree -> {
                assertThat(tree.commitId()).isEqualTo(initial.name());
                assertThat(tree.list("images")).containsExactly("images/backstage.yaml");
              });
      assertThat(state.readAt("0".repeat(40), StateTree.STATE_FILES)).isEmpty();
      assertThat(state.readAt("not-a-commit", StateTree.STATE_FILES)).isEmpty();
    }
  }

  @Test
  void readsACommitAnotherWorkerReadByFetchingIt() throws IOException {
    try (StateRepository state = repository(settings())) {
      state.read();
      humanCommit("pushed after this worker read", "images/web.yaml", "name: web\n");
      String pushed = remote.resolve("refs/heads/main").name();

      assertThat(state.readAt(pushed, StateTree.STATE_FILES))
          .hasValueSatisfying(tree -> assertThat(tree.list("images")).contains("images/web.yaml"));
    }
  }

  @Test
  void confirmsANoChangeBatchAgainstTheFreshTip() throws IOException {
    List<StatePatch> batch = List.of(write("enroll web", "images/web.yaml", "name: web\n"));
    try (StateRepository state = repository(settings())) {
      state.apply(batch);
      humanCommit("human removes web state", "images/web.yaml", null);

      ApplyResult result = state.apply(batch);

      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.read(remote, "main", "images/web.yaml")).isEqualTo("name: web\n");
    }
  }

  @Test
  void givesUpAfterTheConfiguredAttemptsWithoutForcing() throws IOException {
    try (StateRepository state = repository(settings().withMaxPushAttempts(3))) {
      AtomicInteger humans = new AtomicInteger();
      state.onBeforePush(
          commit ->
              humanCommit("human " + humans.incrementAndGet(), "docs/n.md", "n" + humans.get()));

      assertThatThrownBy(() -> state.apply(List.of(write("enroll web", "images/web.yaml", "w"))))
          .isInstanceOf(StateRepositoryException.class)
          .hasMessageContaining("rejected 3 times")
          .satisfies(e -> assertThat(((StateRepositoryException) e).retryable()).isTrue());
      assertThat(GitFixtures.history(remote, "main"))
          .extracting(RevCommit::getShortMessage)
          .containsExactly("human 3", "human 2", "human 1", "initial state");
    }
  }

  @Test
  void aCrashAfterTheLocalCommitLeavesTheRemoteUntouchedAndTheNextRunConverges()
      throws IOException {
    List<StatePatch> batch = List.of(write("enroll web", "images/web.yaml", "name: web\n"));
    try (StateRepository state = repository(settings())) {
      state.onBeforePush(
          commit -> {
            throw new IllegalStateException("simulated crash");
          });
      assertThatThrownBy(() -> state.apply(batch)).hasMessage("simulated crash");
    }
    assertThat(GitFixtures.history(remote, "main")).hasSize(1);

    try (StateRepository restarted = repository(settings())) {
      ApplyResult result = restarted.apply(batch);

      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
      assertThat(GitFixtures.read(remote, "main", "images/web.yaml")).isEqualTo("name: web\n");
      assertThat(restarted.apply(batch).committed()).isFalse();
    }
  }

  @Test
  void aFailingRendererCommitsNothing() throws IOException {
    AtomicInteger renders = new AtomicInteger();
    DerivedFiles flaky =
        files -> {
          if (renders.getAndIncrement() == 0) {
            throw new IllegalStateException("renderer crashed");
          }
          return List.of(FileChange.update("dist/image-factory.k8s.yaml", "rendered\n"));
        };
    List<StatePatch> batch = List.of(write("enroll web", "images/web.yaml", "name: web\n"));
    try (StateRepository state =
        new StateRepository(settings(), flaky, Backoff.NONE, CLOCK, n -> null)) {
      assertThatThrownBy(() -> state.apply(batch)).hasMessage("renderer crashed");
      assertThat(GitFixtures.history(remote, "main")).hasSize(1);

      ApplyResult result = state.apply(batch);

      assertThat(result.changedPaths())
          .containsExactly("dist/image-factory.k8s.yaml", "images/web.yaml");
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
    }
  }

  @Test
  void commitsTypedPatchesOnceAndNotAgain() throws IOException {
    Path typedRemote = tmp.resolve("typed.git");
    try (StateFixture fixture = new StateFixture(typedRemote);
        StateRepository state =
            repository(
                StateRepositorySettings.of(typedRemote.toString(), tmp.resolve("typed-cache")))) {
      List<StatePatch> batch =
          List.of(
              new RecordBaseDigest(
                  "node-22", "sha256:0123456789abcdef", Instant.parse("2025-02-01T10:00:00Z")),
              new MarkBasesWatched(List.of("node-22")),
              new RecordImageRuntime(
                  "api",
                  new ImageRuntime(
                      "sha256:" + "c".repeat(64),
                      "1.2.0",
                      Instant.parse("2025-02-01T09:00:00Z"),
                      null,
                      List.of(),
                      List.of(),
                      false,
                      null,
                      null,
                      0,
                      0,
                      null)));

      ApplyResult first = state.apply(batch);
      ApplyResult again = state.apply(batch);

      assertThat(first.committed()).isTrue();
      assertThat(first.changedPaths())
          .containsExactly("base-images/node-22.yaml", "images/api.yaml");
      assertThat(again.committed()).isFalse();
      try (Repository typed = new FileRepositoryBuilder().setGitDir(typedRemote.toFile()).build()) {
        RevCommit tip = GitFixtures.history(typed, "main").get(0);
        assertThat(tip.getShortMessage())
            .isEqualTo("image-factory: record digest sha256:0123456789ab of node-22; and 2 more");
        assertThat(tip.getFullMessage())
            .contains(
                "- record digest sha256:0123456789ab of node-22\n- watch node-22\n- record "
                    + "state of api\n");
      }
    }
  }

  private void humanCommit(String message, String path, String text) {
    try {
      Map<String, String> files = new LinkedHashMap<>();
      files.put(path, text);
      GitFixtures.commit(remote, "main", message, files);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
