package io.imagefactory.signature;

/**
 * One cosign signature layer of a digest: the simple-signing payload and the base64 signature over
 * it from the layer's {@code dev.cosignproject.cosign/signature} annotation.
 *
 * @param source where it was found: {@code referrers} or the {@code .sig} tag
 */
record CosignSignature(String source, byte[] payload, String signature) {}
