package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunRef;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The quota GitHub reports in its headers, kept per credential: a dispatch that would leave less
 * than the reserve waits for the reset, while run reads go on.
 */
class GitHubRateBudgetTest {

  private static final String RUN = "/repos/acme/api/actions/runs/7";
  private static final String DISPATCHES = "/repos/acme/api/actions/workflows/build.yml/dispatches";

  private final FakeGitHub github = FakeGitHub.start();
  private final MutableClock clock = new MutableClock();
  private final GitHubCiProvider provider =
      new GitHubCiProvider(
          new GitHubApi(github.baseUrl()),
          repo -> "ghp_reserve",
          text -> Optional.empty(),
          clock,
          Duration.ofHours(24),
          500);

  @AfterEach
  void stop() {
    github.close();
  }

  @Test
  void aDispatchWaitsForTheResetRatherThanSpendTheReserve() throws Exception {
    long reset = MutableClock.START.plusSeconds(600).getEpochSecond();
    github.on(
        "GET",
        RUN,
        Answer.json(200, Fixtures.run(7, "Build api#1", MutableClock.START, "in_progress", null))
            .with("x-ratelimit-remaining", "499")
            .with("x-ratelimit-reset", Long.toString(reset))
            .with("x-ratelimit-resource", "core"));
    github.on("POST", DISPATCHES, Answer.empty(204));
    RunRef run =
        new RunRef("github", "acme/api", "7", "https://github.com/acme/api/actions/runs/7");

    assertThat(provider.conclusion(run)).isEmpty();
    assertThatThrownBy(() -> provider.dispatch(dispatch()))
        .isInstanceOfSatisfying(
            CiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CiException.Kind.RATE_LIMITED);
              assertThat(e.hinted()).isTrue();
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(600));
              assertThat(e.getMessage())
                  .contains("down to 499 request(s), the 500 kept in reserve")
                  .doesNotContain("ghp_reserve");
            });
    assertThat(github.requests("POST", DISPATCHES)).isEmpty();
    // Reading the run stays possible: the reserve is for that.
    assertThat(provider.conclusion(run)).isEmpty();

    clock.advance(Duration.ofSeconds(601));
    provider.dispatch(dispatch());
    assertThat(github.requests("POST", DISPATCHES)).hasSize(1);
  }

  private static CiDispatch dispatch() {
    return new CiDispatch(
        "api", "api#1", "acme/api", "build.yml", "main", Map.of(), MutableClock.START, false);
  }
}
