package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubRunStatusTest {

  static final String RUN = "/repos/acme/api/actions/runs/5551";
  static final RunRef REF =
      new RunRef("github", "acme/api", "5551", "https://github.com/acme/api/actions/runs/5551");

  final MutableClock clock = new MutableClock();
  FakeGitHub github;
  Path tokenFile;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    github = FakeGitHub.start();
    tokenFile = Files.writeString(dir.resolve("token"), GitHubCiProviderTest.TOKEN);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  Optional<RunConclusion> read(Duration neverStartedAfter) throws CiException {
    return new GitHubCiProvider(
            new GitHubApi(github.baseUrl()),
            new GitHubTokenFile(tokenFile),
            GitHubCiProviderTest.DECLARED,
            clock,
            neverStartedAfter)
        .conclusion(REF);
  }

  Optional<RunConclusion> read() throws CiException {
    return read(GitHubRunStatus.NEVER_STARTED_AFTER);
  }

  @ParameterizedTest
  @CsvSource({
    "success, succeeded",
    "failure, failed",
    "startup_failure, failed",
    "action_required, failed",
    "neutral, failed",
    "cancelled, cancelled",
    "timed_out, timed-out",
    "skipped, never-started",
    "stale, never-started"
  })
  void mapsEachConclusion(String github, String ours) throws CiException {
    Instant created = clock.instant().minus(Duration.ofMinutes(20));
    this.github.on(
        "GET",
        RUN,
        Answer.json(200, Fixtures.run(5551, "Rebuild api#3", created, "completed", github)));

    RunConclusion conclusion = read().orElseThrow();

    assertThat(conclusion.conclusion()).isEqualTo(ours);
    assertThat(conclusion.detail()).isEqualTo("GitHub run 5551 " + github);
    assertThat(conclusion.completedAt()).isEqualTo(created.plusSeconds(300));
    assertThat(conclusion.url()).isEqualTo(REF.url());
    FakeGitHub.Request request = this.github.requests("GET", RUN).get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + GitHubCiProviderTest.TOKEN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"requested", "queued", "pending", "waiting", "in_progress"})
  void aRunNotYetCompletedHasNoConclusion(String status) throws CiException {
    github.on("GET", RUN, Answer.json(200, Fixtures.run(5551, "x", clock.instant(), status, null)));

    assertThat(read()).isEmpty();
  }

  @Test
  void aRunQueuedLongerThanADayNeverStarted() throws CiException {
    Instant created = clock.instant().minus(Duration.ofHours(25));
    github.on("GET", RUN, Answer.json(200, Fixtures.run(5551, "x", created, "queued", null)));

    RunConclusion conclusion = read().orElseThrow();

    assertThat(conclusion.conclusion()).isEqualTo(RunConclusion.NEVER_STARTED);
    assertThat(conclusion.detail())
        .isEqualTo(
            "GitHub run 5551 in acme/api still queued 1d 1h after it was created (limit 1d 0h);"
                + " it is left where it is and may still run");
    assertThat(conclusion.completedAt()).isEqualTo(clock.instant());
  }

  @Test
  void theQueuedLimitIsConfigurable() throws CiException {
    Instant created = clock.instant().minus(Duration.ofHours(3));
    github.on("GET", RUN, Answer.json(200, Fixtures.run(5551, "x", created, "queued", null)));

    assertThat(read()).isEmpty();
    assertThat(read(Duration.ofHours(2)))
        .map(RunConclusion::conclusion)
        .contains(RunConclusion.NEVER_STARTED);
  }

  @Test
  void aRunWaitingForApprovalIsLeftToTheApprover() throws CiException {
    Instant created = clock.instant().minus(Duration.ofDays(3));
    github.on("GET", RUN, Answer.json(200, Fixtures.run(5551, "x", created, "waiting", null)));

    assertThat(read()).isEmpty();
  }

  @Test
  void aRunThatIsGoneNeverStarted() throws CiException {
    RunConclusion conclusion = read().orElseThrow();

    assertThat(conclusion.conclusion()).isEqualTo(RunConclusion.NEVER_STARTED);
    assertThat(conclusion.detail())
        .isEqualTo("GitHub run 5551 of acme/api is gone (404): Not Found");
    assertThat(conclusion.url()).isEqualTo(REF.url());
  }
}
