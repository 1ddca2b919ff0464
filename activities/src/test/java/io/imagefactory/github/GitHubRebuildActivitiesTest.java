package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.rebuild.CiProvider;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildActivitiesImpl;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild activities on the real GitHub provider and workflow-file parser, against the local
 * fake: what a workflow asks for becomes the request GitHub sees, and GitHub's answers become what
 * Temporal does next.
 */
class GitHubRebuildActivitiesTest {

  static final String NODE = "node-22-bookworm-slim";
  static final String DIGEST = "sha256:" + "4f".repeat(32);
  static final String DISPATCHES = "/repos/acme/api/actions/workflows/build.yml/dispatches";
  static final String CONTENTS = "/repos/acme/api/contents/.github/workflows/build.yml";
  static final String STATE_DISPATCHES = "/repos/acme/state/actions/workflows/build.yml/dispatches";

  final MutableClock clock = new MutableClock();
  final AtomicInteger attempt = new AtomicInteger(1);
  FakeGitHub github;
  RebuildActivities activities;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    github = FakeGitHub.start();
    github.on("GET", CONTENTS, Fixtures.contents(Fixtures.raw("github/build.yml")));
    github.on(
        "GET",
        "/repos/acme/state/contents/.github/workflows/build.yml",
        Fixtures.contents(Fixtures.raw("github/build.yml")));
    Path token = Files.writeString(dir.resolve("token"), GitHubCiProviderTest.TOKEN);
    CiProvider provider =
        new GitHubCiProvider(
            new GitHubApi(github.baseUrl()),
            new GitHubTokenFile(token),
            GitHubWorkflowFile::declaredInputsOf,
            clock);
    activities = RebuildActivitiesImpl.forTests(List.of(provider), "acme/state", attempt::get);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  static RebuildRequest request(String repo, boolean resumed) {
    return new RebuildRequest(
        "api",
        "api#3",
        new RebuildTarget(
            "github",
            repo,
            "build.yml",
            "main",
            Map.of(
                "rebuild-id", "${rebuild.id}",
                "reason", "${rebuild.reason}",
                "node-image", "${base." + NODE + ".ref}",
                "undeclared", "x")),
        "timer",
        Map.of(NODE, DIGEST),
        Map.of(NODE, "docker.io/library/node:22-bookworm-slim"),
        MutableClock.START,
        resumed);
  }

  @Test
  void sendsThePinnedMaturedDigestAndOnlyDeclaredInputs() {
    github.on(
        "POST", DISPATCHES, Answer.fixture(200, "github/dispatch-run-details.json", "id", "42"));

    RebuildDispatch dispatch = activities.dispatchRebuild(request("acme/api", false));

    assertThat(dispatch.outcome()).isEqualTo(RebuildDispatch.DISPATCHED);
    assertThat(dispatch.run().runId()).isEqualTo("42");
    var inputs = github.requests("POST", DISPATCHES).get(0).json().path("inputs");
    assertThat(inputs.path("node-image").asText())
        .isEqualTo("docker.io/library/node:22-bookworm-slim@" + DIGEST);
    assertThat(inputs.path("rebuild-id").asText()).isEqualTo("api#3");
    assertThat(inputs.path("reason").asText()).isEqualTo("timer");
    assertThat(inputs.has("undeclared")).isFalse();
    assertThat(dispatch.detail()).contains("undeclared");
  }

  @Test
  void anImageInTheStateRepositoryIsDispatchedToTheStateRepository() {
    github.on(
        "POST",
        STATE_DISPATCHES,
        Answer.fixture(200, "github/dispatch-run-details.json", "id", "7"));

    RebuildDispatch dispatch = activities.dispatchRebuild(request(null, false));

    assertThat(dispatch.run().repo()).isEqualTo("acme/state");
    assertThat(github.requests("POST", STATE_DISPATCHES)).hasSize(1);
  }

  @Test
  void withoutAStateRepositoryOnGitHubSuchAnImageIsRefusedNamingTheSetting() {
    RebuildActivities noStateRepo =
        RebuildActivitiesImpl.forTests(
            List.of(
                new GitHubCiProvider(
                    new GitHubApi(github.baseUrl()),
                    repo -> "t",
                    t -> java.util.Optional.empty(),
                    clock)),
            null,
            attempt::get);

    assertThatThrownBy(() -> noStateRepo.dispatchRebuild(request(null, false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(RebuildFailures.REJECTED);
            })
        .hasMessageContaining("image-factory.github.state-repository");
    assertThat(github.requests()).isEmpty();
  }

  @Test
  void aMissingWorkflowFailsTheRebuildForGoodWithGitHubsMessage() {
    github.on("POST", DISPATCHES, Answer.fixture(404, "github/error-not-found.json"));

    assertThatThrownBy(() -> activities.dispatchRebuild(request("acme/api", false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(RebuildFailures.REJECTED);
            })
        .hasMessageContaining("Not Found");
  }

  @Test
  void aRateLimitIsRetriedAfterTheResetThroughTheNextRetryDelay() {
    github.on(
        "POST",
        DISPATCHES,
        Answer.fixture(403, "github/error-primary-rate-limit.json")
            .with("x-ratelimit-remaining", "0")
            .with("x-ratelimit-reset", String.valueOf(MutableClock.START.getEpochSecond() + 600)));

    assertThatThrownBy(() -> activities.dispatchRebuild(request("acme/api", false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(RebuildFailures.RATE_LIMITED);
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(10));
            });
  }

  @Test
  void aSecondaryLimitWithoutHeadersWaitsLongerOnEachAttempt() {
    github.on("POST", DISPATCHES, Answer.fixture(403, "github/error-secondary-rate-limit.json"));
    github.on("GET", "/repos/acme/api/actions/workflows/build.yml/runs", Fixtures.runs());

    attempt.set(3);
    assertThatThrownBy(() -> activities.dispatchRebuild(request("acme/api", false)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(RebuildFailures.RATE_LIMITED);
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofMinutes(4));
            });
  }

  @Test
  void aResumedDispatchLooksForItsRunFirstAndSendsNoSecond() {
    github.on(
        "GET",
        "/repos/acme/api/actions/workflows/build.yml/runs",
        Fixtures.runs(
            Fixtures.run(55, "Rebuild api#3 (timer)", MutableClock.START, "queued", null)));

    RebuildDispatch dispatch = activities.dispatchRebuild(request("acme/api", true));

    assertThat(dispatch.run().runId()).isEqualTo("55");
    assertThat(github.requests("POST", DISPATCHES)).isEmpty();
  }

  @Test
  void aRunInFlightIsARetryableBenignFailureAndAnEndedRunItsConclusion() {
    RunRef run =
        new RunRef("github", "acme/api", "42", "https://github.com/acme/api/actions/runs/42");
    String path = "/repos/acme/api/actions/runs/42";
    github.on(
        "GET",
        path,
        Answer.json(
            200, Fixtures.run(42, "Rebuild api#3", MutableClock.START, "in_progress", null)),
        Answer.json(
            200, Fixtures.run(42, "Rebuild api#3", MutableClock.START, "completed", "failure")));

    assertThatThrownBy(() -> activities.awaitRun(run))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(RebuildFailures.RUN_IN_PROGRESS);
            });
    assertThat(activities.awaitRun(run).conclusion()).isEqualTo(RunConclusion.FAILED);
  }
}
