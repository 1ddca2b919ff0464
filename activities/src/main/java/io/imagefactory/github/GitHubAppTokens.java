package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiException.Kind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub App credentials: the installation for a repository's owner is discovered once ({@code GET
 * /repos/{owner}/{repo}/installation}, signed with the App's JWT) and its installation token
 * ({@code POST /app/installations/{id}/access_tokens}, valid one hour) is cached and minted again
 * {@link #REFRESH_BEFORE_EXPIRY} before it expires, so no request goes out with a token about to
 * lapse.
 *
 * <p>Calls are serialized: minting is rare (once an hour per owner) and one lock keeps two threads
 * from minting the same token twice.
 */
public class GitHubAppTokens implements GitHubCredentials {

  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private static final Logger log = LoggerFactory.getLogger(GitHubAppTokens.class);

  private record InstallationToken(String token, Instant expiresAt) {}

  private final GitHubApi api;
  private final GitHubAppJwt jwt;
  private final Clock clock;
  private final Map<String, Long> installations = new HashMap<>();
  private final Map<Long, InstallationToken> tokens = new HashMap<>();

  public GitHubAppTokens(GitHubApi api, String appId, Path privateKeyFile, Clock clock) {
    this.api = api;
    this.jwt = new GitHubAppJwt(appId, privateKeyFile);
    this.clock = clock;
  }

  @Override
  public synchronized String tokenFor(String repo) throws CiException {
    String repoPath = GitHubApi.repoPath(repo);
    String owner = repo.substring(0, repo.indexOf('/')).toLowerCase(Locale.ROOT);
    Long installation = installations.get(owner);
    if (installation == null) {
      installation = discover(repo, repoPath);
      installations.put(owner, installation);
    }
    InstallationToken current = tokens.get(installation);
    Instant now = clock.instant();
    if (current != null && now.isBefore(current.expiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
      return current.token();
    }
    try {
      current = mint(installation, owner);
    } catch (CiException e) {
      if (current == null || !now.isBefore(current.expiresAt()) || e.kind() == Kind.REJECTED) {
        throw e;
      }
      // The refresh margin exists for this: the old token still works for a few minutes.
      log.warn("keeping the installation token for {} until it expires: {}", owner, e.getMessage());
      return current.token();
    }
    tokens.put(installation, current);
    return current.token();
  }

  private long discover(String repo, String repoPath) throws CiException {
    GitHubResponse response = api.get(repoPath + "/installation", jwt.mint(clock.instant()));
    if (response.status() == 404) {
      throw CiException.rejected(
          "the GitHub App %s is not installed for %s (404): %s"
              .formatted(jwt.appId(), repo, response.message()));
    }
    if (!response.successful()) {
      throw GitHubResponses.failure(
          response, "installation lookup of GitHub App " + jwt.appId() + " for " + repo, clock);
    }
    long id = response.json().path("id").asLong(0);
    if (id == 0) {
      throw CiException.unavailable("GitHub named no installation id for " + repo, null);
    }
    log.info("GitHub App {} is installation {} for {}", jwt.appId(), id, repo);
    return id;
  }

  private InstallationToken mint(long installation, String owner) throws CiException {
    GitHubResponse response =
        api.post(
            "/app/installations/" + installation + "/access_tokens",
            Map.of(),
            jwt.mint(clock.instant()));
    if (!response.successful()) {
      if (response.status() == 404) {
        // An App uninstalled and installed again gets a new id: look it up again next time.
        installations.remove(owner);
        tokens.remove(installation);
      }
      throw GitHubResponses.failure(
          response, "installation token of GitHub App " + jwt.appId() + " for " + owner, clock);
    }
    JsonNode json = response.json();
    String token = json.path("token").asText("");
    Instant expiresAt = null;
    try {
      expiresAt = Instant.parse(json.path("expires_at").asText(""));
    } catch (DateTimeParseException e) {
      // Handled below with the missing token: the answer is unusable either way.
    }
    if (token.isEmpty() || expiresAt == null) {
      throw CiException.unavailable(
          "GitHub answered the installation token request for %s without a token and its expiry"
              .formatted(owner),
          null);
    }
    return new InstallationToken(token, expiresAt);
  }
}
