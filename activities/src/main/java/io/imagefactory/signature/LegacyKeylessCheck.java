package io.imagefactory.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sigstore.encryption.signers.Verifiers;
import dev.sigstore.fulcio.client.FulcioVerificationException;
import dev.sigstore.trustroot.TransparencyLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a keyless signature in cosign's older layout, a {@code .sig} layer whose annotations carry
 * the signing certificate and the Rekor entry with its signed entry timestamp (SET) but no
 * inclusion proof, so sigstore-java's bundle verifier cannot take it. As {@code cosign verify} does
 * offline: the certificate chains to the trusted root (sigstore-java's Fulcio verifier, CT
 * timestamp included), its identity matches the rule, the signature verifies over the payload with
 * the certificate's key, the payload names the digest, the SET verifies with a log key of the
 * trusted root, the logged hashedrekord is this signature by this certificate, and the logged time
 * falls within the certificate's validity.
 */
final class LegacyKeylessCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private LegacyKeylessCheck() {}

  static KeylessOutcome check(
      CosignSignature signature, VerifyRule rule, String digest, SigstoreTrust.Loaded trust) {
    X509Certificate leaf;
    byte[] signatureBytes;
    try {
      leaf =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          signature.certificate().getBytes(StandardCharsets.US_ASCII)));
      signatureBytes = Base64.getDecoder().decode(signature.signature().trim());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return KeylessOutcome.problem("the signature's certificate or signature cannot be read");
    }
    try {
      trust
          .fulcio()
          .verifySigningCertificate(
              CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)));
    } catch (FulcioVerificationException | GeneralSecurityException | IOException e) {
      return KeylessOutcome.problem(
          "the signing certificate is not trusted: " + SigstoreTrust.firstLine(e));
    }
    FulcioIdentity identity;
    try {
      identity = FulcioIdentity.of(leaf);
    } catch (GeneralSecurityException e) {
      return KeylessOutcome.problem(e.getMessage());
    }
    Optional<String> problem =
        identity
            .mismatch(rule)
            .or(() -> signs(leaf, signature.payload(), signatureBytes))
            .or(() -> CosignPayloads.payloadProblem(signature.payload(), digest));
    if (problem.isEmpty()) {
      problem = logProblem(signature, signatureBytes, leaf, trust);
    }
    return problem.map(KeylessOutcome::problem).orElseGet(() -> KeylessOutcome.signedBy(identity));
  }

  private static Optional<String> signs(X509Certificate leaf, byte[] payload, byte[] signature) {
    try {
      if (Verifiers.newVerifier(leaf.getPublicKey()).verify(payload, signature)) {
        return Optional.empty();
      }
    } catch (GeneralSecurityException e) {
      // Falls through: a signature that cannot be checked does not verify.
    }
    return Optional.of("the signature does not verify with the certificate's key");
  }

  private static Optional<String> logProblem(
      CosignSignature signature,
      byte[] signatureBytes,
      X509Certificate leaf,
      SigstoreTrust.Loaded trust) {
    if (signature.rekorBundle() == null) {
      return Optional.of("no transparency-log entry (" + CosignSignature.BUNDLE_ANNOTATION + ")");
    }
    JsonNode bundle;
    try {
      bundle = JSON.readTree(signature.rekorBundle());
    } catch (IOException e) {
      return Optional.of("the transparency-log entry is not JSON");
    }
    JsonNode entry = bundle.path("Payload");
    String body = entry.path("body").asText("");
    long integratedTime = entry.path("integratedTime").asLong(0);
    String logId = entry.path("logID").asText("");
    if (body.isEmpty() || integratedTime <= 0 || !logId.matches("[0-9a-f]{64}")) {
      return Optional.of("the transparency-log entry lacks its body, time or log id");
    }
    Instant signedAt = Instant.ofEpochSecond(integratedTime);
    Optional<TransparencyLog> log =
        TransparencyLog.find(trust.root().getTLogs(), HexFormat.of().parseHex(logId), signedAt);
    if (log.isEmpty()) {
      return Optional.of("the transparency-log entry is from a log the trusted root does not hold");
    }
    // The SET signs the canonical JSON of these four fields (RFC 8785: sorted keys, no spaces).
    String signed =
        "{\"body\":\""
            + body
            + "\",\"integratedTime\":"
            + integratedTime
            + ",\"logID\":\""
            + logId
            + "\",\"logIndex\":"
            + entry.path("logIndex").asLong()
            + "}";
    try {
      byte[] set = Base64.getDecoder().decode(bundle.path("SignedEntryTimestamp").asText(""));
      if (!body.matches("[A-Za-z0-9+/=]+")
          || !Verifiers.newVerifier(log.get().getPublicKey().toJavaPublicKey())
              .verify(signed.getBytes(StandardCharsets.UTF_8), set)) {
        return Optional.of("the transparency-log entry's signed timestamp does not verify");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("the transparency-log entry's signed timestamp does not verify");
    }
    return loggedProblem(body, signature.payload(), signatureBytes, leaf)
        .or(() -> SigningTime.problem(leaf, signedAt));
  }

  /** The logged hashedrekord must be this payload's hash, this signature and this certificate. */
  private static Optional<String> loggedProblem(
      String body, byte[] payload, byte[] signature, X509Certificate leaf) {
    try {
      JsonNode logged = JSON.readTree(Base64.getDecoder().decode(body));
      JsonNode spec = logged.path("spec");
      byte[] loggedCertificate =
          Base64.getDecoder()
              .decode(spec.path("signature").path("publicKey").path("content").asText(""));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(loggedCertificate));
      boolean same =
          "hashedrekord".equals(logged.path("kind").asText())
              && "sha256".equals(spec.path("data").path("hash").path("algorithm").asText())
              && SignatureFinder.sha256(payload)
                  .equals("sha256:" + spec.path("data").path("hash").path("value").asText())
              && Arrays.equals(
                  signature,
                  Base64.getDecoder().decode(spec.path("signature").path("content").asText("")))
              && Arrays.equals(certificate.getEncoded(), leaf.getEncoded());
      return same
          ? Optional.empty()
          : Optional.of("the transparency-log entry is for another signature");
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return Optional.of("the transparency-log entry's body cannot be read");
    }
  }
}
