package io.imagefactory.staterepo;

import static io.imagefactory.staterepo.TestPatches.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.git.GitCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class StateRepositoryHttpTest {

  private static final String TOKEN = "ghp_s3cr3tT0kenValue4711";
  private static final String WRONG = "ghp_wr0ngT0kenValue0815";

  @TempDir Path tmp;
  private Repository remote;
  private GitHttpServer server;

  @BeforeEach
  void start() throws Exception {
    remote = GitFixtures.bare(tmp.resolve("repos/state.git"));
    GitFixtures.commit(
        remote,
        "main",
        "initial state",
        Map.of("images.yaml", "- name: web\n", "images/web.yaml", "name: web\n"));
    server = GitHttpServer.start(tmp.resolve("tomcat"), tmp.resolve("repos"), TOKEN);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    remote.close();
  }

  private StateRepository repository(Function<String, String> env) {
    StateRepositorySettings settings =
        StateRepositorySettings.of(server.url("state.git"), tmp.resolve("cache"))
            .withCredentials(GitCredentials.fromEnv("STATE_TOKEN"));
    return new StateRepository(settings, DerivedFiles.NONE, Backoff.NONE, Clock.systemUTC(), env);
  }

  @Test
  void readsAndPushesWithTheRightToken() throws IOException {
    try (StateRepository state = repository(Map.of("STATE_TOKEN", TOKEN)::get)) {
      assertThat(state.read().text("images/web.yaml")).contains("name: web\n");

      ApplyResult result =
          state.apply(List.of(write("discover node", "base-images/node.yaml", "name: node\n")));

      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.history(remote, "main").get(0).getName()).isEqualTo(result.commitId());
      assertThat(GitFixtures.read(remote, "main", "base-images/node.yaml"))
          .isEqualTo("name: node\n");
    }
  }

  @Test
  void readsTheTokenFromAMountedSecretFile() throws IOException {
    Path secret = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
    StateRepositorySettings settings =
        StateRepositorySettings.of(server.url("state.git"), tmp.resolve("cache"))
            .withCredentials(GitCredentials.fromFile(secret));
    try (StateRepository state =
        new StateRepository(
            settings, DerivedFiles.NONE, Backoff.NONE, Clock.systemUTC(), n -> null)) {
      assertThat(state.read().files()).containsKey("images.yaml");
    }
  }

  @Test
  void refusesAWrongTokenWithAClearErrorThatNeverShowsIt() throws IOException {
    try (LogCapture logs = LogCapture.start();
        StateRepository state = repository(Map.of("STATE_TOKEN", WRONG)::get)) {
      assertThatThrownBy(state::read)
          .isInstanceOf(StateRepositoryException.class)
          .hasMessageContaining("could not fetch state repository " + server.url("state.git"))
          .hasMessageContaining("authentication failed")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WRONG).doesNotContain(TOKEN));
      assertThatThrownBy(() -> state.apply(List.of(write("x", "images/x.yaml", "x"))))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WRONG));
      assertThat(server.refused()).isPositive();
      assertThat(logs.events()).isPositive();
      assertThat(logs.text()).doesNotContain(WRONG).doesNotContain(TOKEN);
    }
    assertThat(GitFixtures.history(remote, "main")).hasSize(1);
  }

  @Test
  void neverLogsTheRightTokenEvenAtTraceLevel() throws IOException {
    try (LogCapture logs = LogCapture.start();
        StateRepository state = repository(Map.of("STATE_TOKEN", TOKEN)::get)) {
      state.apply(List.of(write("discover node", "base-images/node.yaml", "name: node\n")));
      state.read();

      assertThat(logs.text()).contains("Pushed state commit").doesNotContain(TOKEN);
    }
    String config = Files.readString(tmp.resolve("cache/config"));
    assertThat(config).doesNotContain(TOKEN).doesNotContain("@");
  }

  @Test
  void failsClearlyWhenTheTokenVariableIsNotSet() {
    try (StateRepository state = repository(n -> null)) {
      assertThatThrownBy(state::read)
          .isInstanceOf(StateRepositoryException.class)
          .hasMessageContaining("token environment variable STATE_TOKEN is not set");
    }
  }

  @Test
  void aPushThatFailsBeforeTheServerUpdatedTheBranchConvergesOnTheNextAttempt() throws IOException {
    List<StatePatch> batch =
        List.of(write("discover node", "base-images/node.yaml", "name: node\n"));
    try (StateRepository state = repository(Map.of("STATE_TOKEN", TOKEN)::get)) {
      server.failNextPush(GitHttpServer.Fault.BEFORE_UPDATE);
      assertThatThrownBy(() -> state.apply(batch))
          .isInstanceOf(StateRepositoryException.class)
          .hasMessageContaining("could not push to state repository")
          .satisfies(e -> assertThat(((StateRepositoryException) e).retryable()).isTrue());
      assertThat(GitFixtures.history(remote, "main")).hasSize(1);

      ApplyResult result = state.apply(batch);

      assertThat(result.committed()).isTrue();
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
    }
  }

  @Test
  void aPushWhoseAnswerWasLostMakesNoSecondCommit() throws IOException {
    List<StatePatch> batch =
        List.of(write("discover node", "base-images/node.yaml", "name: node\n"));
    try (StateRepository state = repository(Map.of("STATE_TOKEN", TOKEN)::get)) {
      server.failNextPush(GitHttpServer.Fault.AFTER_UPDATE);
      assertThatThrownBy(() -> state.apply(batch)).isInstanceOf(StateRepositoryException.class);
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);

      ApplyResult result = state.apply(batch);

      assertThat(result.committed()).isFalse();
      assertThat(result.commitId()).isEqualTo(GitFixtures.history(remote, "main").get(0).getName());
      assertThat(GitFixtures.history(remote, "main")).hasSize(2);
      assertThat(GitFixtures.read(remote, "main", "base-images/node.yaml"))
          .isEqualTo("name: node\n");
    }
  }
}
