package io.imagefactory.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;

/**
 * Signs image digests as {@code cosign sign --key} does: a key of one of the {@link KeyType}s, a
 * simple-signing payload naming the digest, the base64 signature in the layer annotation, and the
 * signature manifest pushed under the {@code sha256-<hex>.sig} tag or as a referrer of the image.
 */
final class CosignSigner {

  /** The keys cosign signs with. */
  enum KeyType {
    /** {@code cosign generate-key-pair}. */
    ECDSA_P256,
    /** An imported or KMS RSA key: PKCS#1 v1.5 with SHA-256. */
    RSA_PKCS1,
    /** An RSA KMS key set to PSS: RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt. */
    RSA_PSS
  }

  private final KeyType type;
  private final KeyPair keys;
  private final RegistryPusher pusher;

  CosignSigner(RegistryPusher pusher) throws GeneralSecurityException {
    this(pusher, KeyType.ECDSA_P256);
  }

  CosignSigner(RegistryPusher pusher, KeyType type) throws GeneralSecurityException {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance(type == KeyType.ECDSA_P256 ? "EC" : "RSA");
    if (type == KeyType.ECDSA_P256) {
      generator.initialize(new ECGenParameterSpec("secp256r1"));
    } else {
      generator.initialize(3072);
    }
    this.type = type;
    this.keys = generator.generateKeyPair();
    this.pusher = pusher;
  }

  /** The public key as {@code cosign.pub} holds it. */
  byte[] publicKeyPem() {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPublic().getEncoded());
    return ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Signs {@code signed} and pushes it under the tag of {@code digest}. */
  void signUnderTag(String name, String digest, String signed) throws Exception {
    String manifest = signatureManifest(name, signed, null);
    pusher.manifest(
        name,
        "sha256-" + digest.substring("sha256:".length()) + ".sig",
        SignatureFinder.OCI_MANIFEST,
        manifest);
  }

  /**
   * Signs {@code digest} and pushes the signature by its own digest with {@code digest} as its
   * subject, so only the referrers API leads to it; returns the signature manifest's descriptor.
   */
  String signAsReferrer(String name, String digest) throws Exception {
    String manifest = signatureManifest(name, digest, digest);
    String manifestDigest = SignatureFinder.sha256(manifest.getBytes(StandardCharsets.UTF_8));
    pusher.manifest(name, manifestDigest, SignatureFinder.OCI_MANIFEST, manifest);
    return "{\"mediaType\":\""
        + SignatureFinder.OCI_MANIFEST
        + "\",\"digest\":\""
        + manifestDigest
        + "\",\"size\":"
        + manifest.getBytes(StandardCharsets.UTF_8).length
        + ",\"artifactType\":\""
        + SignatureFinder.SIGNATURE_ARTIFACT
        + "\"}";
  }

  private String signatureManifest(String name, String signed, String subject) throws Exception {
    byte[] payload = payload(name, signed);
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
            + ",\"annotations\":{\""
            + SignatureFinder.SIGNATURE_ANNOTATION
            + "\":\""
            + sign(payload)
            + "\"}}";
    return "{\"schemaVersion\":2,\"mediaType\":\""
        + SignatureFinder.OCI_MANIFEST
        + "\","
        + (subject == null
            ? ""
            : "\"artifactType\":\"" + SignatureFinder.SIGNATURE_ARTIFACT + "\",")
        + "\"config\":"
        + RegistryPusher.descriptor(RegistryPusher.OCI_CONFIG, configDigest, config.length)
        + ",\"layers\":["
        + layer
        + "]"
        + (subject == null
            ? ""
            : ",\"subject\":{\"mediaType\":\""
                + SignatureFinder.OCI_MANIFEST
                + "\",\"digest\":\""
                + subject
                + "\",\"size\":1}")
        + "}";
  }

  static byte[] payload(String name, String digest) throws IOException {
    return ("{\"critical\":{\"identity\":{\"docker-reference\":\""
            + name
            + "\"},"
            + "\"image\":{\"docker-manifest-digest\":\""
            + digest
            + "\"},"
            + "\"type\":\""
            + CosignPayloads.SIGNATURE_TYPE
            + "\"},\"optional\":null}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private String sign(byte[] payload) throws GeneralSecurityException {
    Signature signer =
        Signature.getInstance(
            switch (type) {
              case ECDSA_P256 -> "SHA256withECDSA";
              case RSA_PKCS1 -> "SHA256withRSA";
              case RSA_PSS -> "RSASSA-PSS";
            });
    if (type == KeyType.RSA_PSS) {
      signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }
    signer.initSign(keys.getPrivate());
    signer.update(payload);
    return Base64.getEncoder().encodeToString(signer.sign());
  }
}
