package io.imagefactory.signature;

/**
 * Which digest to verify, where, and under which rule.
 *
 * @param repository the normalised repository, {@code registry/path} ({@code
 *     docker.io/library/node})
 * @param digest the manifest digest, {@code sha256:<hex>}
 */
public record SignatureCheck(String repository, String digest, VerifyRule rule) {}
