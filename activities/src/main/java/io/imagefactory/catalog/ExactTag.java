package io.imagefactory.catalog;

import io.imagefactory.reference.ImageReferences;
import java.util.Optional;

/**
 * The one tag an {@code allowTags} regex names, for the {@code Digest} strategy, which follows the
 * digest of exactly one tag (Kargo takes that tag as the subscription's {@code constraint}).
 * Enrollment and rendering share this rule, so an entry the one accepts the other watches.
 *
 * <p>{@code ^1\.17$}, the correctly escaped form, names {@code 1.17}; so do the anchors left out,
 * and dots left unescaped ({@code ^1.17$}), which is how tags are usually written. Anything else
 * (classes, alternatives, repetition) is a regex of many tags and names none.
 */
public final class ExactTag {

  /** How the error names what is expected. */
  public static final String EXPECTED =
      "the Digest strategy follows one tag: write it as ^<tag>$, with dots escaped (^1\\.17$)";

  private ExactTag() {}

  /** The tag {@code allowTags} names, or empty when it is missing or matches other tags too. */
  public static Optional<String> of(String allowTags) {
    if (allowTags == null) {
      return Optional.empty();
    }
    int start = allowTags.startsWith("^") ? 1 : 0;
    int end =
        allowTags.endsWith("$") && allowTags.length() > start
            ? allowTags.length() - 1
            : allowTags.length();
    StringBuilder tag = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = allowTags.charAt(i);
      if (c == '\\') {
        // An escaped punctuation character stands for itself: \. is a literal dot.
        if (i + 1 >= end || ".-_".indexOf(allowTags.charAt(i + 1)) < 0) {
          return Optional.empty();
        }
        c = allowTags.charAt(++i);
      }
      tag.append(c);
    }
    return ImageReferences.TAG.matcher(tag).matches()
        ? Optional.of(tag.toString())
        : Optional.empty();
  }
}
