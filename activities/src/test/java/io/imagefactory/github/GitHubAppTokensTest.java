package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubAppTokensTest {

  static final String APP_ID = "4242";
  static final String INSTALLATION = "/repos/acme/api/installation";
  static final String ACCESS_TOKENS = "/app/installations/61234567/access_tokens";

  static AppKeys app;
  static AppKeys stranger;

  final MutableClock clock = new MutableClock();
  final List<JsonNode> jwtClaims = new ArrayList<>();
  final AtomicInteger minted = new AtomicInteger();
  FakeGitHub github;
  Path keyFile;
  GitHubAppTokens tokens;

  @BeforeAll
  static void keys() {
    app = new AppKeys();
    stranger = new AppKeys();
  }

  @BeforeEach
  void start(@TempDir Path dir) {
    github = FakeGitHub.start();
    github.on(
        "GET",
        INSTALLATION,
        signed(
            r ->
                Answer.fixture(
                    200, "github/installation.json", "id", "61234567", "owner", "acme")));
    github.on(
        "POST",
        ACCESS_TOKENS,
        signed(r -> accessToken("ghs_token" + minted.incrementAndGet(), Duration.ofHours(1))));
    keyFile = app.writePkcs1(dir.resolve("app.pem"));
    tokens = new GitHubAppTokens(new GitHubApi(github.baseUrl()), APP_ID, keyFile, clock);
  }

  @AfterEach
  void stop() {
    github.close();
  }

  /** GitHub's side: only a JWT signed with the App's key is answered. */
  FakeGitHub.Responder signed(FakeGitHub.Responder then) {
    return request -> {
      String authorization = String.valueOf(request.header("Authorization"));
      JsonNode claims =
          AppKeys.verifiedClaims(authorization.replaceFirst("^Bearer ", ""), publicKey());
      if (claims == null) {
        return Answer.fixture(401, "github/error-bad-credentials.json");
      }
      jwtClaims.add(claims);
      return then.answer(request);
    };
  }

  PublicKey publicKey() {
    return app.pair.getPublic();
  }

  Answer accessToken(String token, Duration valid) {
    return Answer.fixture(
        201,
        "github/access-token.json",
        "token",
        token,
        "expires",
        clock.instant().plus(valid).toString());
  }

  @Test
  void mintsAnInstallationTokenWithAJwtSignedByTheAppsKey() throws CiException {
    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token1");

    assertThat(jwtClaims).hasSize(2);
    JsonNode claims = jwtClaims.get(0);
    long now = clock.instant().getEpochSecond();
    assertThat(claims.path("iat").asLong()).isEqualTo(now - 60);
    assertThat(claims.path("exp").asLong()).isEqualTo(now + 9 * 60);
    assertThat(claims.path("iss").isNumber()).isTrue();
    assertThat(claims.path("iss").asText()).isEqualTo(APP_ID);
    FakeGitHub.Request mint = github.requests("POST", ACCESS_TOKENS).get(0);
    assertThat(mint.header("Accept")).isEqualTo("application/vnd.github+json");
  }

  @Test
  void acceptsAPkcs8Key(@TempDir Path dir) throws CiException {
    Path pkcs8 = app.writePkcs8(dir.resolve("app-pkcs8.pem"));

    GitHubAppTokens converted =
        new GitHubAppTokens(new GitHubApi(github.baseUrl()), APP_ID, pkcs8, clock);

    assertThat(converted.tokenFor("acme/api")).isEqualTo("ghs_token1");
  }

  @Test
  void wrapsPkcs1KeysAsTheJdkReadsThem() {
    byte[] pkcs8 = app.pair.getPrivate().getEncoded();

    assertThat(GitHubAppJwt.pkcs8(AppKeys.pkcs1(pkcs8))).isEqualTo(pkcs8);
  }

  @Test
  void cachesTheInstallationPerOwnerAndTheTokenUntilItNearsExpiry() throws CiException {
    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token1");
    assertThat(tokens.tokenFor("ACME/web")).isEqualTo("ghs_token1");
    clock.advance(Duration.ofMinutes(54));
    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token1");

    clock.advance(Duration.ofMinutes(2));
    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token2");

    assertThat(github.requests("GET", INSTALLATION)).hasSize(1);
    assertThat(github.requests("GET", "/repos/ACME/web/installation")).isEmpty();
    assertThat(github.requests("POST", ACCESS_TOKENS)).hasSize(2);
  }

  @Test
  void anotherOwnerHasItsOwnInstallation() throws CiException {
    github.on(
        "GET",
        "/repos/globex/site/installation",
        signed(
            r -> Answer.fixture(200, "github/installation.json", "id", "777", "owner", "globex")));
    github.on(
        "POST",
        "/app/installations/777/access_tokens",
        signed(r -> accessToken("ghs_globex", Duration.ofHours(1))));

    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token1");
    assertThat(tokens.tokenFor("globex/site")).isEqualTo("ghs_globex");
  }

  @Test
  void keepsTheCurrentTokenWhenARefreshFailsBeforeItExpires() throws CiException {
    tokens.tokenFor("acme/api");
    github.on("POST", ACCESS_TOKENS, new Answer(502, Map.of(), "bad gateway"));
    clock.advance(Duration.ofMinutes(57));

    assertThat(tokens.tokenFor("acme/api")).isEqualTo("ghs_token1");

    clock.advance(Duration.ofMinutes(3));
    CiException expired =
        catchThrowableOfType(CiException.class, () -> tokens.tokenFor("acme/api"));
    assertThat(expired.kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void anAppNotInstalledForTheOwnerIsRejected() {
    github.on("GET", INSTALLATION, Answer.fixture(404, "github/error-not-found.json"));

    CiException e = catchThrowableOfType(CiException.class, () -> tokens.tokenFor("acme/api"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage())
        .isEqualTo("the GitHub App 4242 is not installed for acme/api (404): Not Found");
  }

  @Test
  void aJwtSignedWithAnotherKeyIsRefusedByGitHub(@TempDir Path dir) {
    Path wrong = stranger.writePkcs1(dir.resolve("stranger.pem"));
    GitHubAppTokens impostor =
        new GitHubAppTokens(new GitHubApi(github.baseUrl()), APP_ID, wrong, clock);

    CiException e = catchThrowableOfType(CiException.class, () -> impostor.tokenFor("acme/api"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).contains("(401): Bad credentials");
  }

  @Test
  void aFileWithoutAKeyIsRejectedByName() throws IOException {
    Files.writeString(keyFile, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

    CiException e = catchThrowableOfType(CiException.class, () -> tokens.tokenFor("acme/api"));

    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
    assertThat(e.getMessage()).contains(keyFile.toString()).contains("BEGIN RSA PRIVATE KEY");
  }

  @Test
  void theProviderSendsTheInstallationTokenAndNeverShowsIt() throws IOException {
    String dispatches = GitHubCiProviderTest.DISPATCHES;
    github.on("POST", dispatches, Answer.fixture(401, "github/error-bad-credentials.json"));
    GitHubCiProvider provider =
        new GitHubCiProvider(
            new GitHubApi(github.baseUrl()), tokens, GitHubCiProviderTest.DECLARED, clock);
    CiDispatch dispatch =
        new CiDispatch(
            "api", "api#3", "acme/api", "build.yml", "main", Map.of(), clock.instant(), false);

    CiException e = catchThrowableOfType(CiException.class, () -> provider.dispatch(dispatch));

    assertThat(github.requests("POST", dispatches).get(0).header("Authorization"))
        .isEqualTo("Bearer ghs_token1");
    assertThat(e.getMessage()).doesNotContain("ghs_token1");
    assertThat(e.getMessage())
        .doesNotContain(Files.readString(keyFile).lines().skip(1).findFirst().orElseThrow());
  }
}
