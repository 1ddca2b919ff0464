package io.imagefactory.signature;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * A keyless signature is made with a certificate valid for minutes; the transparency log's signed
 * time shows it was made within them, so a key that leaks later signs nothing.
 */
final class SigningTime {

  private SigningTime() {}

  /** Why {@code signedAt} falls outside {@code certificate}'s validity; empty when within. */
  static Optional<String> problem(X509Certificate certificate, Instant signedAt) {
    try {
      certificate.checkValidity(Date.from(signedAt));
      return Optional.empty();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return Optional.of(
          "logged at "
              + signedAt
              + ", outside the signing certificate's validity ("
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ")");
    }
  }
}
