package io.imagefactory.whatif;

import java.util.regex.Pattern;

/**
 * The base a what-if asks about, as {@code repoURL:tag}; the tag follows the last colon after the
 * last slash, so a registry port stays part of the repository ({@code localhost:5000/app:1.2}).
 */
public record BaseReference(String repoURL, String tag) {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REPO_URL =
      Pattern.compile(
          "[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+|[a-z0-9]+([._-]+[a-z0-9]+)*");

  /** Reads {@code repoURL:tag}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static BaseReference parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException(
          "the base is required: write it as <repoURL>:<tag>, such as docker.io/library/node:22");
    }
    String text = reference.strip();
    if (text.contains("@")) {
      throw new IllegalArgumentException(
          "'" + text + "': a what-if is about a tag's next digest; write <repoURL>:<tag>, no digest");
    }
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    if (colon <= slash || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "'" + text + "' has no tag: write it as <repoURL>:<tag>, such as"
              + " docker.io/library/node:22-bookworm-slim");
    }
    String repoURL = text.substring(0, colon);
    String tag = text.substring(colon + 1);
    if (repoURL.contains("://") || !REPO_URL.matcher(repoURL).matches()) {
      throw new IllegalArgumentException(
          "repoURL '" + repoURL + "' is not an image repository such as docker.io/library/node"
              + " (no scheme, lower-case path)");
    }
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag '" + tag + "' is not a valid image tag");
    }
    return new BaseReference(repoURL, tag);
  }

  @Override
  public String toString() {
    return repoURL + ":" + tag;
  }
}
