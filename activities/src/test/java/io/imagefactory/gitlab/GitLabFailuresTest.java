package io.imagefactory.gitlab;

import static io.imagefactory.gitlab.GitLabCiProviderTest.NOW;
import static io.imagefactory.gitlab.GitLabCiProviderTest.PROJECT;
import static io.imagefactory.gitlab.GitLabCiProviderTest.TOKEN;
import static io.imagefactory.gitlab.GitLabCiProviderTest.dispatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiException.Kind;
import io.imagefactory.rebuild.RunRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class GitLabFailuresTest {

  static final String CREATING = "creating a pipeline on main in project " + PROJECT;

  @TempDir Path dir;
  FakeGitLab gitlab;
  GitLabCiProvider provider;

  @BeforeEach
  void startGitLab() throws Exception {
    gitlab = FakeGitLab.start(TOKEN).project(PROJECT);
    gitlab.now(NOW);
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN);
    provider =
        new GitLabCiProvider(
            new GitLabSettings(gitlab.baseUrl(), tokenFile), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stopGitLab() {
    gitlab.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "400 | 400-reference-not-found.json | : Reference not found",
        "400 | 400-no-jobs.json | : Pipeline will not run for the selected trigger. The rules"
            + " configuration prevented any jobs from being added to the pipeline.",
        "400 | 400-variables-invalid.json | : variables[0][key] is missing, variables[0][value]"
            + " is missing",
        "401 | 401-token-revoked.json | : invalid_token: Token was revoked. You have to"
            + " re-authorize from the user. (the token was refused: expired, revoked or not a"
            + " GitLab token)",
        "403 | 403-forbidden.json | : 403 Forbidden (the token may not do this: it needs the api"
            + " scope and the Developer role)",
        "404 | 404-project-not-found.json | : 404 Project Not Found (no such project or"
            + " pipeline, or the token cannot see it)",
        "422 | 422-field-errors.json | : Variables key can contain only letters, digits and '_'.,"
            + " Variables value is too long"
      })
  void aRefusalFailsTheRebuildWithGitLabsOwnWordsAndTheProject(
      int status, String fixture, String said) {
    gitlab.replyNext(CannedReply.fixture(status, fixture));

    CiException refused = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
    assertThat(refused.retryAfter()).isNull();
    assertThat(refused)
        .hasMessage(
            "GitLab at " + gitlab.baseUrl() + " answered HTTP " + status + " " + CREATING + said);
  }

  @Test
  void aBranchGitLabDoesNotKnowIsRefusedAsGitLabSaysIt() {
    CiException refused =
        failure(
            () ->
                provider.dispatch(
                    new CiDispatch(
                        "node-app", "node-app#7", PROJECT, null, "release", Map.of(), NOW, false)));

    assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
    assertThat(refused)
        .hasMessageEndingWith(
            "answered HTTP 400 creating a pipeline on release in project "
                + PROJECT
                + ": Reference not found");
  }

  @Test
  void aRateLimitWaitsWhatRetryAfterSays() {
    gitlab.replyNext(CannedReply.fixture(429, "429-retry-later.txt").header("Retry-After", "30"));

    CiException limited = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(limited)
        .hasMessage(
            "GitLab at "
                + gitlab.baseUrl()
                + " answered HTTP 429 "
                + CREATING
                + " (rate limited: retry in 30s)");
  }

  @Test
  void aRateLimitWithoutRetryAfterWaitsUntilRateLimitReset() {
    gitlab.replyNext(
        CannedReply.fixture(429, "429-endpoint-throttled.json")
            .header("RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42))
            .header("RateLimit-ResetTime", "Sat, 01 Mar 2025 09:00:42 GMT"));

    CiException limited =
        failure(() -> provider.conclusion(new RunRef("gitlab", PROJECT, "1001", "x")));

    assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(42));
    assertThat(limited)
        .hasMessageContaining(
            "reading pipeline 1001 in project "
                + PROJECT
                + ": error: This endpoint has been requested too many times. Try again later."
                + " (rate limited: retry in 42s)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a reset already past | RateLimit-Reset | 1740819000 | 1",
        "a Retry-After of 0 | Retry-After | 0 | 1",
        "a Retry-After date | Retry-After | Sat, 01 Mar 2025 09:02:00 GMT | 120",
        "a garbled Retry-After | Retry-After | soon | 60",
        "no hint at all | X-None | - | 60"
      })
  void aRateLimitWaitsAtLeastASecondAndAMinuteWhenGitLabGivesNoHint(
      String hint, String header, String value, long seconds) {
    gitlab.replyNext(
        CannedReply.fixture(429, "429-retry-later.txt")
            .withoutRateLimitHeaders()
            .header(header, value));

    CiException limited = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aBadGatewayIsUnavailableWithoutItsHtmlPage() {
    gitlab.replyNext(CannedReply.fixture(502, "502.html"));

    CiException unavailable = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(unavailable.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(unavailable)
        .hasMessage("GitLab at " + gitlab.baseUrl() + " answered HTTP 502 " + CREATING);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "500 | {\"message\":\"500 Internal Server Error\"} | : 500 Internal Server Error",
        "503 | <html><body>maintenance</body></html> | ''",
        "504 | '' | ''",
        "408 | '' | ''"
      })
  void aServerErrorOrTimeoutIsUnavailable(int status, String body, String said) {
    gitlab.replyNext(new CannedReply(status, Map.of("Content-Type", "text/html"), body));

    CiException unavailable = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(unavailable.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(unavailable)
        .hasMessage(
            "GitLab at " + gitlab.baseUrl() + " answered HTTP " + status + " " + CREATING + said);
  }

  @Test
  void aGitLabThatDoesNotAnswerIsUnavailable() {
    gitlab.close();

    CiException unavailable = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(unavailable.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(unavailable)
        .hasMessageStartingWith(
            "GitLab at " + gitlab.baseUrl() + " did not answer " + CREATING + ": ConnectException");
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenStaysWithGitLab() {
    gitlab.replyNext(new CannedReply(301, Map.of("Location", "https://elsewhere.example/api"), ""));

    CiException refused = failure(() -> provider.dispatch(dispatch(false)));

    assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
    assertThat(refused)
        .hasMessageEndingWith(
            "(redirected to https://elsewhere.example/api: configure the base URL GitLab answers"
                + " on)");
    assertThat(gitlab.requests()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a string | {\"message\":\"404 Project Not Found\"} | 404 Project Not Found",
        "field errors | {\"message\":{\"base\":[\"a\",\"b\"],\"ref\":[\"is invalid\"]}} | a, b;"
            + " ref: is invalid",
        "an array | {\"message\":[\"one\",\"two\"]} | one, two",
        "an OAuth error | {\"error\":\"insufficient_scope\",\"error_description\":\"needs api\"}"
            + " | insufficient_scope: needs api",
        "a line break | {\"message\":\"one\\ntwo\"} | one\\u000atwo",
        "no message | {\"id\":1} | ''",
        "not an object | [\"x\"] | ''"
      })
  void rendersGitLabsMessageReadably(String shape, String body, String rendered) throws Exception {
    JsonNode json = FakePipelines.JSON.readTree(body);

    assertThat(GitLabFailures.said(json)).isEqualTo(rendered);
  }

  @Test
  void cutsAVeryLongMessage() {
    JsonNode json = FakePipelines.JSON.createObjectNode().put("message", "x".repeat(5_000));

    assertThat(GitLabFailures.said(json)).hasSize(403).endsWith("...");
  }

  private static CiException failure(ThrowingCallable call) {
    return catchThrowableOfType(CiException.class, call);
  }
}
