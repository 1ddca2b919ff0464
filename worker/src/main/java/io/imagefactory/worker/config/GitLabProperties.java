package io.imagefactory.worker.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.gitlab.*}: how rebuilds of images with {@code source.provider: gitlab} are
 * run as GitLab pipelines. Without a token, those pipelines are recorded instead of created. The
 * token also serves git fetches of source repositories on the GitLab host.
 *
 * @param baseUrl the GitLab instance, {@code https://gitlab.com} or a self-managed one
 * @param tokenFile a project (or group) access token with the {@code api} scope, read at use time
 * @param neverStartedAfter how long a pipeline may wait to start before it counts as never started
 */
public record GitLabProperties(
    @DefaultValue("https://gitlab.com") URI baseUrl,
    SecretFile tokenFile,
    @DefaultValue("24h") Duration neverStartedAfter) {

  public boolean hasCredentials() {
    return tokenFile != null;
  }
}
