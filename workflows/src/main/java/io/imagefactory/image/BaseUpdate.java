package io.imagefactory.image;

import java.time.Instant;

/**
 * A base of the image has a new digest, first seen at {@code seenAt}.
 *
 * @param cascade true when the base is a managed image that was rebuilt
 */
public record BaseUpdate(String baseImage, String digest, Instant seenAt, boolean cascade) {

  public BaseUpdate(String baseImage, String digest, Instant seenAt) {
    this(baseImage, digest, seenAt, false);
  }
}
