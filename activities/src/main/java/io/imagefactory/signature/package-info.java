/**
 * Signature verification of base-image digests before anything is built on them: the registry
 * client (OCI distribution API, anonymous token flow, Docker {@code config.json} credentials),
 * finding a digest's signatures (referrers API, then the {@code sha256-<hex>.sig} tag), checking
 * cosign's simple-signing payload with a key (ECDSA, RSA), checking keyless signatures (Sigstore
 * bundles and cosign's keyless layers) against a Sigstore trusted root, and the activity over them.
 */
package io.imagefactory.signature;
