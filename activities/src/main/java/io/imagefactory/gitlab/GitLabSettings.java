package io.imagefactory.gitlab;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the worker reaches one GitLab instance, gitlab.com or self-managed.
 *
 * @param baseUrl the instance, {@code https://gitlab.example.com}; a relative URL root such as
 *     {@code https://example.com/gitlab} works, and {@code /api/v4} is added here
 * @param tokenFile the file holding a project access token (api scope, Developer role), read at
 *     every request so a rotated Secret is picked up without a restart
 * @param neverStartedAfter how long a pipeline may stay created or pending before it counts as
 *     never started; null is {@link #DEFAULT_NEVER_STARTED_AFTER}
 * @param requestTimeout how long one API request may take; null is {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record GitLabSettings(
    URI baseUrl, Path tokenFile, Duration neverStartedAfter, Duration requestTimeout) {

  public static final Duration DEFAULT_NEVER_STARTED_AFTER = Duration.ofHours(24);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  public GitLabSettings {
    if (baseUrl == null
        || baseUrl.getHost() == null
        || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))) {
      throw new IllegalArgumentException(
          "GitLab base URL must be an http(s) URL with a host, such as https://gitlab.example.com");
    }
    // Error messages name the base URL, so it must not carry a credential of its own.
    if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null) {
      throw new IllegalArgumentException(
          "GitLab base URL must not carry user info or a query; put the token in the token file");
    }
    if (tokenFile == null) {
      throw new IllegalArgumentException("GitLab needs the path of its token file");
    }
    baseUrl = URI.create(trimmed(baseUrl.toString()));
    neverStartedAfter = neverStartedAfter == null ? DEFAULT_NEVER_STARTED_AFTER : neverStartedAfter;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
  }

  public GitLabSettings(URI baseUrl, Path tokenFile) {
    this(baseUrl, tokenFile, null, null);
  }

  /** {@code path} (which starts with {@code /}) under the instance's REST API v4. */
  URI api(String path) {
    return URI.create(baseUrl + "/api/v4" + path);
  }

  // People paste the API root or a trailing slash as often as the instance itself.
  private static String trimmed(String url) {
    String trimmed = url;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.endsWith("/api/v4") ? trimmed.substring(0, trimmed.length() - 7) : trimmed;
  }
}
