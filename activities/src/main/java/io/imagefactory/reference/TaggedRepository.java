package io.imagefactory.reference;

/**
 * An image repository and one of its tags, written {@code repoURL:tag} as people type them on the
 * command line. The tag follows the last colon after the last slash, so a registry port stays part
 * of the repository ({@code localhost:5000/app:1.2}); the repository is kept as written ({@code
 * nginx} stays {@code nginx}) once Docker's grammar accepts it.
 */
public record TaggedRepository(String repoURL, String tag) {

  /**
   * Reads {@code repoURL:tag}; the message says what is wrong. A digest is the caller's to refuse.
   */
  public static TaggedRepository parse(String text) throws InvalidImageReferenceException {
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    if (colon <= slash || colon == text.length() - 1) {
      throw new InvalidImageReferenceException(
          "'"
              + text
              + "' has no tag: write it as <repoURL>:<tag>, such as"
              + " docker.io/library/node:22-bookworm-slim or localhost:5000/app:1.2");
    }
    String repoURL = text.substring(0, colon);
    String tag = text.substring(colon + 1);
    if (!isRepository(repoURL)) {
      throw new InvalidImageReferenceException(
          "repoURL '"
              + repoURL
              + "' is not an image repository such as docker.io/library/node"
              + " (no scheme, lower-case path)");
    }
    if (!ImageReferences.TAG.matcher(tag).matches()) {
      throw new InvalidImageReferenceException("tag '" + tag + "' is not a valid image tag");
    }
    return new TaggedRepository(repoURL, tag);
  }

  @Override
  public String toString() {
    return repoURL + ":" + tag;
  }

  private static boolean isRepository(String repoURL) {
    if (repoURL.contains("://")
        || repoURL.contains("@")
        || repoURL.indexOf(':', repoURL.lastIndexOf('/') + 1) >= 0) {
      return false;
    }
    try {
      new ImageReferenceParser().parse(repoURL);
      return true;
    } catch (InvalidImageReferenceException e) {
      return false;
    }
  }
}
