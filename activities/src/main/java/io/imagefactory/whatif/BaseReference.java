package io.imagefactory.whatif;

import io.imagefactory.reference.InvalidImageReferenceException;
import io.imagefactory.reference.TaggedRepository;

/**
 * The base a what-if asks about, as {@code repoURL:tag}; the tag follows the last colon after the
 * last slash, so a registry port stays part of the repository ({@code localhost:5000/app:1.2}).
 */
public record BaseReference(String repoURL, String tag) {

  /** Reads {@code repoURL:tag}; throws {@link IllegalArgumentException} saying what is wrong. */
  public static BaseReference parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException(
          "the base is required: write it as <repoURL>:<tag>, such as docker.io/library/node:22");
    }
    String text = reference.strip();
    if (text.contains("@")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': a what-if is about a tag's next digest; write <repoURL>:<tag>, no digest");
    }
    try {
      TaggedRepository parsed = TaggedRepository.parse(text);
      return new BaseReference(parsed.repoURL(), parsed.tag());
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return repoURL + ":" + tag;
  }
}
