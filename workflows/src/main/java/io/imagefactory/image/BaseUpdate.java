package io.imagefactory.image;

import io.imagefactory.signature.SignatureVerdict;
import java.time.Instant;

/**
 * A base of the image has a new digest, first seen at {@code seenAt}.
 *
 * @param cascade true when the base is a managed image that was rebuilt
 * @param signature what the base's {@code verify:} rule found for the digest; null when no rule
 *     covers the base
 * @param previousDigest the base's digest before this one, which a dependent with no older
 *     candidate is built on; null when unknown
 */
public record BaseUpdate(
    String baseImage,
    String digest,
    Instant seenAt,
    boolean cascade,
    SignatureVerdict signature,
    String previousDigest) {

  public BaseUpdate(String baseImage, String digest, Instant seenAt) {
    this(baseImage, digest, seenAt, false, null, null);
  }

  public BaseUpdate(String baseImage, String digest, Instant seenAt, boolean cascade) {
    this(baseImage, digest, seenAt, cascade, null, null);
  }

  public BaseUpdate(
      String baseImage,
      String digest,
      Instant seenAt,
      boolean cascade,
      SignatureVerdict signature) {
    this(baseImage, digest, seenAt, cascade, signature, null);
  }

  /** The same update with the verdict of its digest's signature check. */
  public BaseUpdate withSignature(SignatureVerdict verdict) {
    return new BaseUpdate(baseImage, digest, seenAt, cascade, verdict, previousDigest);
  }

  /** The same update naming the base's digest before it. */
  public BaseUpdate after(String previous) {
    return new BaseUpdate(baseImage, digest, seenAt, cascade, signature, previous);
  }
}
