package io.imagefactory.signature;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs image digests as {@code cosign sign} does in keyless mode, with a {@link TestSigstore}
 * playing Fulcio and Rekor: either a Sigstore bundle (a DSSE in-toto statement naming the digest,
 * the certificate, and a Rekor entry with inclusion proof, checkpoint and signed entry timestamp)
 * pushed as an OCI referrer of the image, or cosign's older {@code .sig} tag layer with the
 * certificate, chain and Rekor bundle annotations.
 */
final class KeylessSigner {

  static final String EMPTY_CONFIG = "application/vnd.oci.empty.v1+json";
  private static final HexFormat HEX = HexFormat.of();

  private final RegistryPusher pusher;

  KeylessSigner(RegistryPusher pusher) {
    this.pusher = pusher;
  }

  /**
   * How one signature is made: by whom, certified by which CA, logged in which log and when, and
   * over which digest.
   */
  record Signing(
      String identity,
      String issuer,
      TestSigstore ca,
      KeyPair log,
      Instant certifiedAt,
      Instant loggedAt,
      String signedDigest) {

    static Signing by(String identity, String issuer, TestSigstore sigstore, String digest) {
      Instant now = Instant.now().minusSeconds(60);
      return new Signing(
          identity, issuer, sigstore, sigstore.rekor, now, now.plusSeconds(20), digest);
    }

    Signing certifiedBy(TestSigstore other) {
      return new Signing(identity, issuer, other, log, certifiedAt, loggedAt, signedDigest);
    }

    Signing loggedIn(KeyPair other) {
      return new Signing(identity, issuer, ca, other, certifiedAt, loggedAt, signedDigest);
    }

    Signing loggedAt(Instant time) {
      return new Signing(identity, issuer, ca, log, certifiedAt, time, signedDigest);
    }

    Signing over(String digest) {
      return new Signing(identity, issuer, ca, log, certifiedAt, loggedAt, digest);
    }
  }

  /** Pushes a bundle for {@code digest} as its referrer; returns the descriptor to list. */
  String bundleAsReferrer(String name, String digest, Signing signing) throws Exception {
    byte[] bundle = bundle(name, signing).getBytes(StandardCharsets.UTF_8);
    String bundleDigest = pusher.blob(name, bundle);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = pusher.blob(name, config);
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + SignatureFinder.OCI_MANIFEST
            + "\","
            + "\"artifactType\":\""
            + SignatureFinder.BUNDLE_V03
            + "\","
            + "\"config\":"
            + RegistryPusher.descriptor(EMPTY_CONFIG, configDigest, config.length)
            + ","
            + "\"layers\":["
            + RegistryPusher.descriptor(SignatureFinder.BUNDLE_V03, bundleDigest, bundle.length)
            + "],"
            + "\"subject\":{\"mediaType\":\""
            + SignatureFinder.OCI_MANIFEST
            + "\",\"digest\":\""
            + digest
            + "\",\"size\":1}}";
    String manifestDigest = SignatureFinder.sha256(manifest.getBytes(StandardCharsets.UTF_8));
    pusher.manifest(name, manifestDigest, SignatureFinder.OCI_MANIFEST, manifest);
    return "{\"mediaType\":\""
        + SignatureFinder.OCI_MANIFEST
        + "\",\"digest\":\""
        + manifestDigest
        + "\",\"size\":"
        + manifest.getBytes(StandardCharsets.UTF_8).length
        + ",\"artifactType\":\""
        + SignatureFinder.BUNDLE_V03
        + "\"}";
  }

  /** Pushes cosign's older keyless layer for {@code digest} under its {@code .sig} tag. */
  void legacyUnderTag(String name, String digest, Signing signing) throws Exception {
    TestSigstore.Issued issued =
        signing.ca().issue(signing.identity(), signing.issuer(), signing.certifiedAt());
    byte[] payload = CosignSigner.payload(name, signing.signedDigest());
    byte[] signature = TestSigstore.ecdsa(issued.keys().getPrivate(), payload);
    String certificate = TestSigstore.pem(issued.certificate());
    String body =
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{"
            + "\"algorithm\":\"sha256\",\"value\":\""
            + hex(sha256(payload))
            + "\"}},\"signature\":{"
            + "\"content\":\""
            + TestSigstore.b64(signature)
            + "\",\"publicKey\":{\"content\":\""
            + TestSigstore.b64(certificate.getBytes(StandardCharsets.US_ASCII))
            + "\"}}}}";
    Entry entry = entry(body, signing);
    String rekorBundle =
        "{\"SignedEntryTimestamp\":\""
            + entry.set
            + "\",\"Payload\":{\"body\":\""
            + entry.body
            + "\",\"integratedTime\":"
            + entry.time
            + ",\"logIndex\":0,\"logID\":\""
            + entry.logId
            + "\"}}";
    String payloadDigest = pusher.blob(name, payload);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    String configDigest = pusher.blob(name, config);
    String layer =
        "{\"mediaType\":\""
            + SignatureFinder.SIMPLE_SIGNING
            + "\",\"digest\":\""
            + payloadDigest
            + "\",\"size\":"
            + payload.length
            + ",\"annotations\":{"
            + "\""
            + SignatureFinder.SIGNATURE_ANNOTATION
            + "\":\""
            + TestSigstore.b64(signature)
            + "\","
            + "\""
            + CosignSignature.CERTIFICATE_ANNOTATION
            + "\":"
            + json(certificate)
            + ","
            + "\""
            + CosignSignature.CHAIN_ANNOTATION
            + "\":"
            + json(TestSigstore.pem(signing.ca().caCertificate))
            + ","
            + "\""
            + CosignSignature.BUNDLE_ANNOTATION
            + "\":"
            + json(rekorBundle)
            + "}}";
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + SignatureFinder.OCI_MANIFEST
            + "\","
            + "\"config\":"
            + RegistryPusher.descriptor(RegistryPusher.OCI_CONFIG, configDigest, config.length)
            + ",\"layers\":["
            + layer
            + "]}";
    pusher.manifest(
        name,
        "sha256-" + digest.substring("sha256:".length()) + ".sig",
        SignatureFinder.OCI_MANIFEST,
        manifest);
  }

  /** A v0.3 bundle: DSSE envelope over an in-toto statement whose subject is the digest. */
  String bundle(String name, Signing signing) throws Exception {
    TestSigstore.Issued issued =
        signing.ca().issue(signing.identity(), signing.issuer(), signing.certifiedAt());
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\""
            + name
            + "\","
            + "\"digest\":{\"sha256\":\""
            + signing.signedDigest().substring("sha256:".length())
            + "\"}}],"
            + "\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}";
    byte[] payload = statement.getBytes(StandardCharsets.UTF_8);
    String type = "application/vnd.in-toto+json";
    byte[] pae =
        ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " " + statement)
            .getBytes(StandardCharsets.UTF_8);
    byte[] signature = TestSigstore.ecdsa(issued.keys().getPrivate(), pae);
    String certificatePem = TestSigstore.pem(issued.certificate());
    String body =
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\","
            + "\"spec\":{\"envelopeHash\":{\"algorithm\":\"sha256\","
            + "\"value\":\""
            + hex(sha256(pae))
            + "\"},\"payloadHash\":{\"algorithm\":\"sha256\","
            + "\"value\":\""
            + hex(sha256(payload))
            + "\"},\"signatures\":[{\"signature\":\""
            + TestSigstore.b64(signature)
            + "\",\"verifier\":\""
            + TestSigstore.b64(certificatePem.getBytes(StandardCharsets.US_ASCII))
            + "\"}]}}";
    Entry entry = entry(body, signing);
    return "{\"mediaType\":\""
        + SignatureFinder.BUNDLE_V03
        + "\",\"verificationMaterial\":{"
        + "\"certificate\":{\"rawBytes\":\""
        + TestSigstore.b64(TestSigstore.encoded(issued.certificate()))
        + "\"},"
        + "\"tlogEntries\":[{\"logIndex\":\"0\",\"logId\":{\"keyId\":\""
        + TestSigstore.b64(HEX.parseHex(entry.logId))
        + "\"},"
        + "\"kindVersion\":{\"kind\":\"dsse\",\"version\":\"0.0.1\"},\"integratedTime\":\""
        + entry.time
        + "\","
        + "\"inclusionPromise\":{\"signedEntryTimestamp\":\""
        + entry.set
        + "\"},"
        + "\"inclusionProof\":{\"logIndex\":\"0\",\"rootHash\":\""
        + entry.rootHash
        + "\",\"treeSize\":\"1\","
        + "\"hashes\":[],\"checkpoint\":{\"envelope\":"
        + json(entry.checkpoint)
        + "}},"
        + "\"canonicalizedBody\":\""
        + entry.body
        + "\"}]},"
        + "\"dsseEnvelope\":{\"payload\":\""
        + TestSigstore.b64(payload)
        + "\",\"payloadType\":\""
        + type
        + "\","
        + "\"signatures\":[{\"sig\":\""
        + TestSigstore.b64(signature)
        + "\",\"keyid\":\"\"}]}}";
  }

  /** A log entry at index 0 of a log of one entry, as the signing's log signs it. */
  private record Entry(
      String body, long time, String logId, String set, String rootHash, String checkpoint) {}

  private static Entry entry(String body, Signing signing) throws Exception {
    String encodedBody = TestSigstore.b64(body.getBytes(StandardCharsets.UTF_8));
    long time = signing.loggedAt().getEpochSecond();
    byte[] logId = TestSigstore.logId(signing.log());
    String signable =
        "{\"body\":\""
            + encodedBody
            + "\",\"integratedTime\":"
            + time
            + ",\"logID\":\""
            + hex(logId)
            + "\",\"logIndex\":0}";
    String set =
        TestSigstore.b64(
            TestSigstore.ecdsa(
                signing.log().getPrivate(), signable.getBytes(StandardCharsets.UTF_8)));
    byte[] leaf = new byte[body.getBytes(StandardCharsets.UTF_8).length + 1];
    System.arraycopy(body.getBytes(StandardCharsets.UTF_8), 0, leaf, 1, leaf.length - 1);
    String rootHash = TestSigstore.b64(sha256(leaf));
    String note = TestSigstore.REKOR_HOST + " - 1\n1\n" + rootHash + "\n";
    byte[] noteSignature =
        TestSigstore.ecdsa(signing.log().getPrivate(), note.getBytes(StandardCharsets.UTF_8));
    byte[] hinted = new byte[4 + noteSignature.length];
    System.arraycopy(logId, 0, hinted, 0, 4);
    System.arraycopy(noteSignature, 0, hinted, 4, noteSignature.length);
    String checkpoint =
        note + "\n\u2014 " + TestSigstore.REKOR_HOST + " " + TestSigstore.b64(hinted) + "\n";
    return new Entry(encodedBody, time, hex(logId), set, rootHash, checkpoint);
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** A JSON string literal. */
  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
