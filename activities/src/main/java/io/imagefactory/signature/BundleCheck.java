package io.imagefactory.signature;

import dev.sigstore.KeylessVerificationException;
import dev.sigstore.VerificationOptions;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.bundle.BundleParseException;
import dev.sigstore.encryption.certificates.Certificates;
import dev.sigstore.rekor.client.RekorEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks one Sigstore bundle found for a digest. sigstore-java verifies the certificate chain (to a
 * certificate authority of the trusted root, with a certificate-transparency timestamp from one of
 * its CT logs), the signature, that the signed subject (DSSE in-toto statement) or message digest
 * is this digest, and the transparency-log entry (inclusion proof, checkpoint and signed entry
 * timestamp, against a log of the trusted root). Then this class checks what sigstore-java 2.0
 * leaves to its caller: the certificate's identity and issuer under the rule, and that the log's
 * signed time falls within the certificate's short validity.
 */
final class BundleCheck {

  private BundleCheck() {}

  /** Who signed it, or why it does not verify {@code digest} under {@code rule}. */
  static KeylessOutcome check(
      SigstoreBundle found, VerifyRule rule, String digest, SigstoreTrust.Loaded trust) {
    Bundle bundle;
    try (Reader json =
        new InputStreamReader(new ByteArrayInputStream(found.json()), StandardCharsets.UTF_8)) {
      bundle = Bundle.from(json);
    } catch (BundleParseException | IOException | RuntimeException e) {
      return KeylessOutcome.problem(
          "the Sigstore bundle cannot be read: " + SigstoreTrust.firstLine(e));
    }
    byte[] subject = HexFormat.of().parseHex(digest.substring("sha256:".length()));
    try {
      trust.keyless().verify(subject, bundle, VerificationOptions.empty());
    } catch (KeylessVerificationException | RuntimeException e) {
      return KeylessOutcome.problem(
          "the Sigstore bundle does not verify: " + SigstoreTrust.reason(e));
    }
    X509Certificate leaf = Certificates.getLeaf(bundle.getCertPath());
    FulcioIdentity identity;
    try {
      identity = FulcioIdentity.of(leaf);
    } catch (CertificateException e) {
      return KeylessOutcome.problem(e.getMessage());
    }
    Optional<String> mismatch = identity.mismatch(rule);
    if (mismatch.isPresent()) {
      return KeylessOutcome.problem(mismatch.get());
    }
    return signingTimeProblem(bundle, leaf)
        .map(KeylessOutcome::problem)
        .orElseGet(() -> KeylessOutcome.signedBy(identity));
  }

  /**
   * A signature counts only if made while its certificate was valid: the log's signed entry
   * timestamp says when (sigstore-java checks RFC 3161 timestamps against the certificate itself).
   */
  private static Optional<String> signingTimeProblem(Bundle bundle, X509Certificate leaf) {
    RekorEntry entry = bundle.getEntries().get(0);
    String set = entry.getVerification().getSignedEntryTimestamp();
    if (set == null || set.isEmpty()) {
      return bundle.getTimestamps().isEmpty()
          ? Optional.of(
              "the Sigstore bundle has no signed time (no signed entry timestamp, no"
                  + " RFC 3161 timestamp)")
          : Optional.empty();
    }
    return SigningTime.problem(leaf, entry.getIntegratedTimeInstant());
  }
}
