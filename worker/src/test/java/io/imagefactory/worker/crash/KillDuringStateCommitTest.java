package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitHttpServer;
import io.imagefactory.staterepo.IsolatedGitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worker process killed while it commits an enrollment of 305 images to a state repository
 * served over smart HTTP: before the commit is built, after it is built locally and before the
 * push, and during the push (the server holds the received pack, the worker is killed, then the
 * server updates the branch for a client that is gone). A second worker process finishes the
 * enrollment: the remote holds every state file, one enrollment commit, a linear history on top of
 * the seed, and the server, which refuses non-fast-forward pushes, was never asked to force.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KillDuringStateCommitTest {

  private static final String TOKEN = "state-repo-token-" + "s".repeat(20);
  private static final int EXTERNAL_IMAGES = 300;

  /** Where the first worker dies. */
  enum Point {
    BEFORE_COMMIT("before-commit"),
    AFTER_LOCAL_COMMIT("after-local-commit"),
    DURING_PUSH(null);

    final String crashAt;

    Point(String crashAt) {
      this.crashAt = crashAt;
    }
  }

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Point.class)
  void theRemoteConvergesAfterTheWriterIsKilled(Point point) throws Exception {
    Path examples = CrashFixtures.examples(dir.resolve("examples"), Map.of());
    CrashFixtures.addExternalImages(examples, EXTERNAL_IMAGES);
    Path served = Files.createDirectories(dir.resolve("served"));
    Path tokenFile = Files.writeString(dir.resolve("state-token"), TOKEN);
    try (Repository remote = CrashFixtures.remote(served.resolve("state.git"), examples);
        GitHttpServer git = GitHttpServer.start(dir.resolve("git-http"), served, TOKEN);
        TemporalServerProcess temporal = TemporalServerProcess.start(dir.resolve("temporal"))) {
      ObjectId seed = remote.resolve(Constants.R_HEADS + "main");
      Map<String, String> settings =
          Map.of(
              "image-factory.state-repo.url", git.url("state.git"),
              "image-factory.state-repo.token-file", tokenFile.toString());
      Path workerDir = dir.resolve("worker");

      GitHttpServer.PushHold hold = point == Point.DURING_PUSH ? git.holdNextPush() : null;
      WorkerProcess first =
          WorkerProcess.start(
              workerDir,
              temporal.target(),
              settings,
              point.crashAt == null
                  ? Map.of()
                  : Map.of("image-factory.test.crash-at", point.crashAt));
      try {
        assertThat(first.post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
        if (hold == null) {
          assertThat(first.awaitExit(Duration.ofSeconds(60))).isEqualTo(137);
          assertThat(first.logText())
              .contains("Fault injection: halting the process " + point.crashAt);
          assertThat(remote.resolve(Constants.R_HEADS + "main")).isEqualTo(seed);
        } else {
          assertThat(hold.awaitHeld(Duration.ofSeconds(60))).isTrue();
          first.kill();
          hold.release();
          assertThat(
                  CrashFixtures.eventually(
                      () -> remote.resolve(Constants.R_HEADS + "main"), tip -> !seed.equals(tip)))
              .as("the server took the push of the killed worker")
              .isNotEqualTo(seed);
        }
      } finally {
        first.kill();
      }

      try (WorkerProcess second =
          WorkerProcess.start(workerDir, temporal.target(), settings, Map.of())) {
        EnrollmentResult enrolled =
            temporal
                .client()
                .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
                .getResult(90, TimeUnit.SECONDS, EnrollmentResult.class);
        assertThat(enrolled.errors()).isEmpty();

        ObjectId tip = remote.resolve(Constants.R_HEADS + "main");
        List<RevCommit> history = GitFixtures.history(remote, "main");
        assertThat(history).allSatisfy(c -> assertThat(c.getParentCount()).isLessThanOrEqualTo(1));
        assertThat(history.get(history.size() - 1).getId()).isEqualTo(seed);
        assertThat(history)
            .filteredOn(c -> c.getShortMessage().startsWith("image-factory: enroll"))
            .hasSize(1)
            .first()
            .satisfies(c -> assertThat(enrolled.commitId()).isIn(c.getName(), tip.getName()));
        assertThat(treesOf(remote, history)).doesNotHaveDuplicates();

        Map<String, String> files = files(remote, tip);
        for (int i = 1; i <= EXTERNAL_IMAGES; i++) {
          assertThat(files).containsKey(String.format("images/ext-%03d.yaml", i));
        }
        assertThat(files)
            .containsKeys(
                "images/nginx-site.yaml",
                "images/postgres.yaml",
                "base-images/nginx-1.27-alpine.yaml",
                "dist/image-factory.k8s.yaml");
        assertThat(files.get("images/ext-300.yaml")).contains("name: ext-300");
        assertThat(files.get("dist/image-factory.k8s.yaml")).contains("ext-300");
        assertThat(second.logText()).doesNotContain(TOKEN);
      }
    }
  }

  private static List<ObjectId> treesOf(Repository repo, List<RevCommit> history) {
    return history.stream()
        .map(c -> (ObjectId) c.getTree().getId())
        .filter(Objects::nonNull)
        .toList();
  }

  private static Map<String, String> files(Repository repo, ObjectId commit) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(commit).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        files.put(tree.getPathString(), new String(repo.open(tree.getObjectId(0)).getBytes()));
      }
    }
    return files;
  }
}
