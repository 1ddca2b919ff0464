package io.imagefactory.worker.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.github.*}: how rebuilds are dispatched to GitHub Actions. With neither a
 * token nor an App, dispatches are recorded instead of sent. The same credentials serve git fetches
 * of source repositories on the GitHub host.
 *
 * @param tokenFile a personal access token (or fine-grained token), read at use time
 * @param appId a GitHub App id, used with {@code appPrivateKeyFile} instead of a token
 * @param appPrivateKeyFile the App's private key (PEM, PKCS#1 or PKCS#8), read at use time
 * @param baseUrl the API root; GitHub Enterprise uses {@code https://HOST/api/v3}
 * @param stateRepository {@code owner/name} of the state repository on GitHub, where images whose
 *     Dockerfile lives in the state repository are dispatched; derived from the state repository
 *     URL when that is an https URL on the GitHub host
 * @param neverStartedAfter how long a run may stay queued before it counts as never started
 */
public record GitHubProperties(
    SecretFile tokenFile,
    String appId,
    SecretFile appPrivateKeyFile,
    @DefaultValue("https://api.github.com") URI baseUrl,
    String stateRepository,
    @DefaultValue("24h") Duration neverStartedAfter) {

  public GitHubProperties {
    boolean app = appId != null && !appId.isBlank();
    if (app != (appPrivateKeyFile != null)) {
      throw new IllegalArgumentException(
          "a GitHub App needs both image-factory.github.app-id and app-private-key-file");
    }
    if (app && tokenFile != null) {
      throw new IllegalArgumentException(
          "configure either image-factory.github.token-file or a GitHub App, not both");
    }
    if (stateRepository != null
        && !stateRepository.isBlank()
        && !stateRepository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException(
          "image-factory.github.state-repository must be owner/name, not '"
              + stateRepository
              + "'");
    }
  }

  /** True when dispatches can be sent, false when they are only recorded. */
  public boolean hasCredentials() {
    return tokenFile != null || (appId != null && !appId.isBlank() && appPrivateKeyFile != null);
  }

  /** The git host of this GitHub: {@code github.com} for the public API, else the API's host. */
  public String gitHost() {
    String host = baseUrl.getHost();
    return "api.github.com".equals(host) ? "github.com" : host;
  }
}
