package io.imagefactory.backstage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The web addresses entities link to. Only plain {@code http(s)} addresses without credentials,
 * query or fragment are linked, so nothing secret or odd from a state file reaches the catalog, and
 * the paths appended to them are percent-encoded segment by segment.
 */
final class WebUrls {

  private static final String UNRESERVED =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

  private WebUrls() {}

  /**
   * {@code url} as the base of links, without a trailing {@code /} or {@code .git}; null when it is
   * no web address (a local path, a file or SSH URL) or carries credentials.
   */
  static String base(String url) {
    String checked = link(url == null ? null : url.strip());
    if (checked == null) {
      return null;
    }
    String base = checked.replaceAll("/+$", "");
    base = base.endsWith(".git") ? base.substring(0, base.length() - 4) : base;
    return base.replaceAll("/+$", "");
  }

  /** {@code url} when it is a plain http(s) address without credentials, else null. */
  static String link(String url) {
    if (url == null || url.isEmpty()) {
      return null;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return null;
      }
      return url;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** {@code path} ({@code a/b c}) with every segment percent-encoded: {@code a/b%20c}. */
  static String path(String path) {
    StringBuilder out = new StringBuilder(path.length() + 8);
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      char c = (char) (b & 0xff);
      if (c == '/' || (c < 0x80 && UNRESERVED.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
