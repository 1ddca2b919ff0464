package io.imagefactory.signature;

/**
 * One cosign signature layer of a digest: the simple-signing payload and the base64 signature over
 * it from the layer's {@code dev.cosignproject.cosign/signature} annotation. A keyless signature
 * also carries the signing certificate, its chain and the transparency-log entry cosign got for it
 * ({@code dev.sigstore.cosign/certificate}, {@code .../chain}, {@code .../bundle}); a key-based one
 * has none of them.
 *
 * @param source where it was found: {@code referrers} or the {@code .sig} tag
 * @param certificate the PEM signing certificate, or null
 * @param chain the PEM certificates above it, or null
 * @param rekorBundle the JSON of the log entry and its signed entry timestamp, or null
 */
record CosignSignature(
    String source,
    byte[] payload,
    String signature,
    String certificate,
    String chain,
    String rekorBundle) {

  static final String CERTIFICATE_ANNOTATION = "dev.sigstore.cosign/certificate";
  static final String CHAIN_ANNOTATION = "dev.sigstore.cosign/chain";
  static final String BUNDLE_ANNOTATION = "dev.sigstore.cosign/bundle";

  /** A key-based signature: no certificate, no log entry. */
  CosignSignature(String source, byte[] payload, String signature) {
    this(source, payload, signature, null, null, null);
  }
}
