package io.imagefactory.image;

import io.imagefactory.signature.SignatureVerdict;
import java.time.Instant;

/**
 * A base of the image has a new digest, first seen at {@code seenAt}.
 *
 * @param cascade true when the base is a managed image that was rebuilt
 * @param signature what the base's {@code verify:} rule found for the digest; null when no rule
 *     covers the base
 */
public record BaseUpdate(
    String baseImage, String digest, Instant seenAt, boolean cascade, SignatureVerdict signature) {

  public BaseUpdate(String baseImage, String digest, Instant seenAt) {
    this(baseImage, digest, seenAt, false, null);
  }

  public BaseUpdate(String baseImage, String digest, Instant seenAt, boolean cascade) {
    this(baseImage, digest, seenAt, cascade, null);
  }

  /** The same update with the verdict of its digest's signature check. */
  public BaseUpdate withSignature(SignatureVerdict verdict) {
    return new BaseUpdate(baseImage, digest, seenAt, cascade, verdict);
  }
}
