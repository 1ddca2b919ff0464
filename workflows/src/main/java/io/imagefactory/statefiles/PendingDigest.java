package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * A digest of one base image that the image has not been rebuilt on yet: a rebuild candidate. It
 * matures {@code rebuildDelay} after it was first seen. The same record is written to the state
 * file's {@code rebuildState.candidates}.
 *
 * @param cascade true when the base is a managed image of ours that was rebuilt, rather than a
 *     base image that moved
 * @param unverified why the digest's signature did not verify under the base's {@code verify:}
 *     rule; null when it verified or no rule covers the base
 */
@JsonPropertyOrder({"baseImage", "digest", "firstSeen", "cascade", "unverified"})
public record PendingDigest(
    String baseImage,
    String digest,
    Instant firstSeen,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean cascade,
    @JsonInclude(JsonInclude.Include.NON_NULL) String unverified) {

  public PendingDigest(String baseImage, String digest, Instant firstSeen) {
    this(baseImage, digest, firstSeen, false, null);
  }

  public PendingDigest(String baseImage, String digest, Instant firstSeen, boolean cascade) {
    this(baseImage, digest, firstSeen, cascade, null);
  }

  public Instant maturesAt(Duration rebuildDelay) {
    return firstSeen.plus(rebuildDelay);
  }

  /** True for the same digest of the same base, whenever it was seen. */
  public boolean sameDigest(PendingDigest other) {
    return baseImage.equals(other.baseImage) && digest.equals(other.digest);
  }
}
