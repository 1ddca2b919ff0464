package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.vulnerability.FastPathMark;
import java.time.Duration;
import java.time.Instant;

/**
 * A digest of one base image that the image has not been rebuilt on yet: a rebuild candidate. It
 * matures {@code rebuildDelay} after it was first seen. The same record is written to the state
 * file's {@code rebuildState.candidates}.
 *
 * @param cascade true when the base is a managed image of ours that was rebuilt, rather than a base
 *     image that moved
 * @param unverified why the digest's signature did not verify under the base's {@code verify:}
 *     rule; null when it verified or no rule covers the base
 * @param replaces the digest of the base the image is built on while this one waits (the base's
 *     digest before the first pending one), which its scan is compared with; null when unknown
 * @param fastPath why it matures early: the vulnerabilities it fixes that {@code replaces} has;
 *     null when it soaks the full {@code rebuildDelay}
 */
@JsonPropertyOrder({
  "baseImage",
  "digest",
  "firstSeen",
  "cascade",
  "unverified",
  "replaces",
  "fastPath"
})
public record PendingDigest(
    String baseImage,
    String digest,
    Instant firstSeen,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean cascade,
    @JsonInclude(JsonInclude.Include.NON_NULL) String unverified,
    @JsonInclude(JsonInclude.Include.NON_NULL) String replaces,
    @JsonInclude(JsonInclude.Include.NON_NULL) FastPathMark fastPath) {

  public PendingDigest(String baseImage, String digest, Instant firstSeen) {
    this(baseImage, digest, firstSeen, false, null);
  }

  public PendingDigest(String baseImage, String digest, Instant firstSeen, boolean cascade) {
    this(baseImage, digest, firstSeen, cascade, null);
  }

  public PendingDigest(
      String baseImage, String digest, Instant firstSeen, boolean cascade, String unverified) {
    this(baseImage, digest, firstSeen, cascade, unverified, null, null);
  }

  /** {@code rebuildDelay} after it was first seen, or at its fast-path maturity when earlier. */
  public Instant maturesAt(Duration rebuildDelay) {
    Instant soaked = firstSeen.plus(rebuildDelay);
    return fastPath != null && fastPath.maturesAt() != null && fastPath.maturesAt().isBefore(soaked)
        ? fastPath.maturesAt()
        : soaked;
  }

  /** The same candidate compared with {@code digest}, the base digest the image is on. */
  public PendingDigest replacing(String digest) {
    return new PendingDigest(
        baseImage, this.digest, firstSeen, cascade, unverified, digest, fastPath);
  }

  /** The same candidate with another fast-path mark (null: none). */
  public PendingDigest withFastPath(FastPathMark mark) {
    return new PendingDigest(baseImage, digest, firstSeen, cascade, unverified, replaces, mark);
  }

  /** True for the same digest of the same base, whenever it was seen. */
  public boolean sameDigest(PendingDigest other) {
    return baseImage.equals(other.baseImage) && digest.equals(other.digest);
  }
}
