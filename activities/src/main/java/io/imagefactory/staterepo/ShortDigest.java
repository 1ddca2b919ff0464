package io.imagefactory.staterepo;

/** Shortens {@code sha256:<64 hex>} to {@code sha256:<12 hex>} for commit messages. */
final class ShortDigest {

  private ShortDigest() {}

  static String of(String digest) {
    if (digest == null) {
      return "none";
    }
    int colon = digest.indexOf(':');
    return colon >= 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
