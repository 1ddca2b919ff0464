package io.imagefactory.git;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * A git remote the system may talk to: a local path, a {@code file://} URL, an {@code https://}
 * URL, or plain {@code http://} to a loopback host (test servers). A URL that carries credentials
 * is refused, so the URL itself is always safe to log and to name in error messages.
 *
 * @param url the URL as JGit is given it
 * @param kind how it is reached
 * @param host the lower-case host, with {@code :port} when one is given; null for local remotes
 */
public record RemoteUrl(String url, Kind kind, String host) {

  /** How a remote is reached. */
  enum Kind {
    LOCAL,
    HTTPS,
    HTTP_LOOPBACK
  }

  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  /**
   * Parses {@code remote} or throws an {@link IllegalArgumentException} saying why it is refused.
   */
  public static RemoteUrl parse(String remote) {
    if (remote == null || remote.isBlank()) {
      throw new IllegalArgumentException("remote is empty");
    }
    String r = remote.strip();
    String lower = r.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https://") || lower.startsWith("http://")) {
      return parseHttp(r, lower.startsWith("https://"));
    }
    if (lower.startsWith("file://")) {
      return new RemoteUrl(r, Kind.LOCAL, null);
    }
    if (r.startsWith("/")) {
      return new RemoteUrl(r, Kind.LOCAL, null);
    }
    if (lower.startsWith("ssh://") || r.matches("^[\\w.-]+@[\\w.-]+:.*")) {
      throw new IllegalArgumentException(
          "remote '"
              + redact(r)
              + "' uses SSH, which is not supported; use an https:// URL and a token");
    }
    throw new IllegalArgumentException(
        "remote '"
            + redact(r)
            + "' is neither an https:// URL, a file:// URL nor an absolute path");
  }

  public boolean local() {
    return kind == Kind.LOCAL;
  }

  @Override
  public String toString() {
    return url;
  }

  private static RemoteUrl parseHttp(String r, boolean https) {
    URI uri;
    try {
      uri = new URI(r);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("remote '" + redact(r) + "' is not a valid URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "remote '"
              + redact(r)
              + "' contains credentials; configure a token instead of putting it in the URL");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("remote '" + r + "' has no host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("remote '" + r + "' must not have a query or fragment");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (!https && !LOOPBACK.contains(host)) {
      throw new IllegalArgumentException(
          "remote '" + r + "' uses plain http to a non-loopback host; use https://");
    }
    String hostPort = uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()) {
      throw new IllegalArgumentException("remote '" + r + "' names no repository path");
    }
    String url = (https ? "https://" : "http://") + hostPort + path;
    return new RemoteUrl(url, https ? Kind.HTTPS : Kind.HTTP_LOOPBACK, hostPort);
  }

  /** Replaces anything between {@code ://} and {@code @} so a pasted token never echoes back. */
  public static String redact(String r) {
    return r.replaceAll("(?<=://)[^/@]*@", "***@").replaceAll("^[^/@:]+@", "***@");
  }
}
