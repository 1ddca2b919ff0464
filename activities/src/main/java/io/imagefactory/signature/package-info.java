/**
 * Signature verification of base-image digests before anything is built on them: the registry
 * client (OCI distribution API, anonymous token flow, Docker {@code config.json} credentials),
 * finding a digest's cosign signatures (referrers API, then the {@code sha256-<hex>.sig} tag),
 * checking cosign's simple-signing payload and its ECDSA signature, and the activity over them.
 */
package io.imagefactory.signature;
