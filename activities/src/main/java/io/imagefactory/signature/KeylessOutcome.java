package io.imagefactory.signature;

/** What checking one keyless signature found: who signed it, or why it does not count. */
record KeylessOutcome(FulcioIdentity signer, String problem) {

  static KeylessOutcome signedBy(FulcioIdentity signer) {
    return new KeylessOutcome(signer, null);
  }

  static KeylessOutcome problem(String problem) {
    return new KeylessOutcome(null, problem);
  }

  boolean verified() {
    return signer != null;
  }
}
