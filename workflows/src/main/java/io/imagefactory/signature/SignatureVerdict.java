package io.imagefactory.signature;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What the signature check of one base digest found.
 *
 * @param verified true when a signature over this digest verifies under the rule
 * @param enforced true when the rule's mode is {@code enforce}
 * @param detail who signed it, or why it does not verify, in a short line
 */
public record SignatureVerdict(String digest, boolean verified, boolean enforced, String detail) {

  /** True when the digest must not be built: enforced and not verified. */
  @JsonIgnore
  public boolean held() {
    return enforced && !verified;
  }
}
