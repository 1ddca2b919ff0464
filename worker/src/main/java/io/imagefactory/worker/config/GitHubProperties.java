package io.imagefactory.worker.config;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.github.*}: how rebuilds are dispatched. With neither a token nor an App,
 * dispatches are recorded instead of sent.
 *
 * @param tokenFile a personal access token, read at use time
 * @param appId a GitHub App id, used with {@code appPrivateKeyFile} instead of a token
 * @param appPrivateKeyFile the App's private key (PEM), read at use time
 * @param baseUrl the API root; GitHub Enterprise uses {@code https://HOST/api/v3}
 */
public record GitHubProperties(
    SecretFile tokenFile,
    String appId,
    SecretFile appPrivateKeyFile,
    @DefaultValue("https://api.github.com") URI baseUrl) {

  /** True when dispatches can be sent, false when they are only recorded. */
  public boolean hasCredentials() {
    return tokenFile != null || (appId != null && !appId.isBlank() && appPrivateKeyFile != null);
  }
}
