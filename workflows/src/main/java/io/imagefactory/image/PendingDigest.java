package io.imagefactory.image;

import java.time.Duration;
import java.time.Instant;

/**
 * A digest of one base image that the image has not been rebuilt on yet: a rebuild candidate. It
 * matures {@code rebuildDelay} after it was first seen.
 */
public record PendingDigest(String baseImage, String digest, Instant firstSeen) {

  public Instant maturesAt(Duration rebuildDelay) {
    return firstSeen.plus(rebuildDelay);
  }
}
