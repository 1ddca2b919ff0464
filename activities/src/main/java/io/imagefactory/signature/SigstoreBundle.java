package io.imagefactory.signature;

/**
 * A Sigstore bundle attached to a digest as an OCI referrer (artifact type {@code
 * application/vnd.dev.sigstore.bundle.v0.3+json}, as {@code cosign sign --new-bundle-format}
 * attaches it): the certificate, the signature or DSSE envelope, and the transparency-log entry
 * with its inclusion proof, in one JSON document.
 *
 * @param source where it was found ({@code referrers})
 * @param json the bundle document, exactly as the registry served it
 */
record SigstoreBundle(String source, byte[] json) {}
