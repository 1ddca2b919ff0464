package io.imagefactory.dockerfile;

import io.imagefactory.reference.DockerHub;
import io.imagefactory.reference.ImageReference;
import java.util.Locale;

/**
 * Proposes a base-image name for a reference (DESIGN.md §5): the repository path without Docker
 * Hub's {@code library/}, slashes as dashes, then the tag ({@code node-22-bookworm-slim}) or, for a
 * digest-only reference, the digest algorithm and its first 12 hex digits. The registry host is
 * left out; {@link BaseImageNames#assign} settles collisions. The result is lower-case, uses only
 * {@code [a-z0-9.-]}, starts and ends with a letter or digit, and has at most 63 characters.
 */
final class BaseImageNamer {

  private static final int DIGEST_PREFIX = 12;

  private BaseImageNamer() {}

  static String candidateName(ImageReference reference) {
    String path = reference.repository();
    if (reference.registry().equals(DockerHub.HOST)) {
      path = DockerHub.familiar(path);
    }
    String suffix;
    if (reference.tag() != null) {
      suffix = reference.tag();
    } else {
      String digest = reference.digest();
      int colon = digest.indexOf(':');
      suffix =
          digest.substring(0, colon) + "-" + digest.substring(colon + 1, colon + 1 + DIGEST_PREFIX);
    }
    String name = sanitise(path.replace('/', '-') + "-" + suffix);
    if (name.length() > BaseImageNames.MAX_LENGTH) {
      name = BaseImageNames.withHashSuffix(name, reference.ref());
    }
    return name;
  }

  /**
   * Lower-cases, turns every other character into a dash and collapses separator runs: a run of
   * dots becomes one dot, any other run one dash; separators at either end are dropped.
   */
  static String sanitise(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    int pos = 0;
    while (pos < lower.length()) {
      char ch = lower.charAt(pos);
      if (isAlphanumeric(ch)) {
        out.append(ch);
        pos++;
        continue;
      }
      boolean onlyDots = true;
      while (pos < lower.length() && !isAlphanumeric(lower.charAt(pos))) {
        onlyDots &= lower.charAt(pos) == '.';
        pos++;
      }
      if (out.length() > 0 && pos < lower.length()) {
        out.append(onlyDots ? '.' : '-');
      }
    }
    return out.toString();
  }

  private static boolean isAlphanumeric(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
  }
}
