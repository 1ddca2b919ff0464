package io.imagefactory.github;

import static io.imagefactory.github.GitHubCiProviderTest.DISPATCHES;
import static io.imagefactory.github.GitHubCiProviderTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiException.Kind;
import io.imagefactory.rebuild.RunRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GitHubResponsesTest {

  static final CiDispatch DISPATCH =
      new CiDispatch(
          "api", "api#3", "acme/api", "build.yml", "main", Map.of(), MutableClock.START, false);

  final MutableClock clock = new MutableClock();
  FakeGitHub github;
  Path tokenFile;
  GitHubCiProvider provider;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    github = FakeGitHub.start();
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    provider = provider(github.baseUrl());
  }

  @AfterEach
  void stop() {
    github.close();
  }

  GitHubCiProvider provider(URI baseUrl) {
    return new GitHubCiProvider(
        new GitHubApi(baseUrl),
        new GitHubTokenFile(tokenFile),
        GitHubCiProviderTest.DECLARED,
        clock);
  }

  CiException dispatchFails(Answer answer) {
    github.on("POST", DISPATCHES, answer);
    return catchThrowableOfType(CiException.class, () -> provider.dispatch(DISPATCH));
  }

  @Test
  void badCredentialsAreRejectedWithGitHubsMessage() {
    CiException e = dispatchFails(Answer.fixture(401, "github/error-bad-credentials.json"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("GitHub rejected the dispatch of build.yml on acme/api (401): Bad credentials");
  }

  @Test
  void anUnknownWorkflowIsRejected() {
    CiException e = dispatchFails(Answer.fixture(404, "github/error-not-found.json"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).contains("build.yml on acme/api (404): Not Found");
  }

  @Test
  void unexpectedInputsAreRejectedWithGitHubsMessage() {
    CiException e = dispatchFails(Answer.fixture(422, "github/error-unexpected-inputs.json"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).endsWith("(422): Unexpected inputs provided: [\"cache-bust\"]");
  }

  @Test
  void aForbiddenRequestWithoutRateLimitSignsIsRejected() {
    CiException e =
        dispatchFails(
            Answer.fixture(403, "github/error-forbidden.json")
                .with("x-ratelimit-remaining", "4211"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).endsWith("(403): Resource not accessible by integration");
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 429})
  void thePrimaryRateLimitWaitsUntilItsReset(int status) {
    long reset = clock.instant().getEpochSecond() + 754;
    CiException e =
        dispatchFails(
            Answer.fixture(status, "github/error-primary-rate-limit.json")
                .with("x-ratelimit-limit", "5000")
                .with("x-ratelimit-remaining", "0")
                .with("x-ratelimit-used", "5000")
                .with("x-ratelimit-reset", Long.toString(reset))
                .with("x-ratelimit-resource", "core"));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(754));
    assertThat(e.getMessage()).contains("rate limit is used up").contains("resets in 754s");
  }

  @Test
  void aResetAlreadyPassedStillWaitsASecond() {
    CiException e =
        dispatchFails(
            Answer.fixture(403, "github/error-primary-rate-limit.json")
                .with("x-ratelimit-remaining", "0")
                .with("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() - 5)));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theSecondaryRateLimitWaitsAsLongAsRetryAfterSays() {
    CiException e =
        dispatchFails(
            Answer.fixture(403, "github/error-secondary-rate-limit.json")
                .with("retry-after", "37"));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(37));
  }

  @ParameterizedTest
  @ValueSource(ints = {403, 429})
  void aSecondaryRateLimitWithoutHeadersWaitsAtLeastAMinute(int status) {
    CiException e = dispatchFails(Answer.fixture(status, "github/error-secondary-rate-limit.json"));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(e.getMessage()).contains("secondary rate limit");
  }

  @Test
  void aMovedRepositoryIsReportedAndNotFollowedWithTheToken() {
    String moved = github.baseUrl() + "/repositories/612345678/actions/workflows/build.yml";
    CiException e =
        dispatchFails(
            Answer.json(301, "{\"message\": \"Moved Permanently\", \"url\": \"" + moved + "\"}")
                .with("Location", moved + "/dispatches"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).endsWith("(301): Moved Permanently");
    assertThat(github.requests()).hasSize(1);
  }

  @Test
  void aBadGatewayIsUnavailable() {
    CiException e =
        dispatchFails(
            new Answer(
                502, Map.of("Content-Type", "text/html"), Fixtures.raw("github/bad-gateway.html")));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo("GitHub failed the dispatch of build.yml on acme/api (502): no message");
  }

  @Test
  void anUnreachableGitHubIsUnavailable() {
    URI closed = github.baseUrl();
    github.close();

    CiException e =
        catchThrowableOfType(CiException.class, () -> provider(closed).dispatch(DISPATCH));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .startsWith("GitHub at " + closed + " did not answer POST /repos/acme/api");
  }

  @Test
  void aRateLimitedStatusReadCarriesTheDelayToo() {
    github.on(
        "GET",
        "/repos/acme/api/actions/runs/5551",
        Answer.fixture(429, "github/error-secondary-rate-limit.json").with("retry-after", "90"));

    CiException e =
        catchThrowableOfType(
            CiException.class,
            () -> provider.conclusion(new RunRef("github", "acme/api", "5551", null)));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    assertThat(e.getMessage()).contains("status read of run 5551 on acme/api");
  }

  @Test
  void theTokenAppearsInNoFailure() {
    List<CiException> failures = new ArrayList<>();
    failures.add(dispatchFails(Answer.fixture(401, "github/error-bad-credentials.json")));
    failures.add(dispatchFails(Answer.fixture(403, "github/error-forbidden.json")));
    failures.add(dispatchFails(Answer.DROP));
    failures.add(
        dispatchFails(
            Answer.fixture(403, "github/error-primary-rate-limit.json")
                .with("x-ratelimit-remaining", "0")));
    failures.add(dispatchFails(new Answer(502, Map.of(), Fixtures.raw("github/bad-gateway.html"))));
    github.close();
    failures.add(catchThrowableOfType(CiException.class, () -> provider.dispatch(DISPATCH)));

    assertThat(failures).hasSize(6).doesNotContainNull();
    for (CiException failure : failures) {
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
        assertThat(t.toString()).doesNotContain(TOKEN);
      }
    }
  }
}
