package io.imagefactory.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A Sigstore of the test's own: a certificate authority (Fulcio's role), a certificate-
 * transparency log and a transparency log (Rekor's role), each an ECDSA P-256 key made by the test,
 * and the {@code trusted_root.json} that names them. It issues short-lived signing certificates as
 * Fulcio does (one SAN, the OIDC issuer extensions, an embedded SCT).
 */
final class TestSigstore {

  static final String REKOR_HOST = "rekor.test.invalid";
  static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
  private static final ASN1ObjectIdentifier ISSUER_V1 =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.1");
  private static final ASN1ObjectIdentifier ISSUER_V2 =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.1.8");
  private static final ASN1ObjectIdentifier SCT_LIST =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");
  private static final AtomicLong SERIALS = new AtomicLong(1000);

  final KeyPair ca = ecKeys();
  final X509Certificate caCertificate;
  final KeyPair ctLog = ecKeys();
  final KeyPair rekor = ecKeys();

  TestSigstore(String name) throws Exception {
    X500Name subject = new X500Name("O=" + name + ",CN=" + name + " test CA");
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(SERIALS.incrementAndGet()),
            Date.from(SINCE),
            Date.from(SINCE.plusSeconds(10L * 365 * 86400)),
            subject,
            ca.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    caCertificate = sign(builder, ca.getPrivate());
  }

  /** A signing certificate and its key, issued as Fulcio issues one. */
  record Issued(KeyPair keys, X509Certificate certificate) {}

  Issued issue(String identity, String issuer, Instant notBefore) throws Exception {
    KeyPair keys = ecKeys();
    long serial = SERIALS.incrementAndGet();
    X509Certificate precertificate = leaf(identity, issuer, notBefore, keys, serial, null);
    byte[] sct = sct(precertificate.getTBSCertificate(), notBefore.toEpochMilli());
    return new Issued(keys, leaf(identity, issuer, notBefore, keys, serial, sct));
  }

  private X509Certificate leaf(
      String identity, String issuer, Instant notBefore, KeyPair keys, long serial, byte[] sctList)
      throws Exception {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            caCertificate,
            BigInteger.valueOf(serial),
            Date.from(notBefore),
            Date.from(notBefore.plusSeconds(600)),
            new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
            keys.getPublic());
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    int type =
        identity.contains("://") ? GeneralName.uniformResourceIdentifier : GeneralName.rfc822Name;
    builder.addExtension(
        Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(type, identity)));
    builder.addExtension(ISSUER_V1, false, issuer.getBytes(StandardCharsets.UTF_8));
    builder.addExtension(ISSUER_V2, false, new DERUTF8String(issuer));
    if (sctList != null) {
      builder.addExtension(SCT_LIST, false, new DEROctetString(sctList));
    }
    return sign(builder, ca.getPrivate());
  }

  /** An RFC 6962 SCT list with one precertificate timestamp from the CT log. */
  private byte[] sct(byte[] tbs, long timestamp) throws Exception {
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(new byte[] {0, 0});
    signed.write(number(timestamp, 8));
    signed.write(number(1, 2));
    signed.write(MessageDigest.getInstance("SHA-256").digest(ca.getPublic().getEncoded()));
    signed.write(number(tbs.length, 3));
    signed.write(tbs);
    signed.write(number(0, 2));
    byte[] signature = ecdsa(ctLog.getPrivate(), signed.toByteArray());
    ByteArrayOutputStream sct = new ByteArrayOutputStream();
    sct.write(0);
    sct.write(logId(ctLog));
    sct.write(number(timestamp, 8));
    sct.write(number(0, 2));
    sct.write(new byte[] {4, 3});
    sct.write(number(signature.length, 2));
    sct.write(signature);
    byte[] one = sct.toByteArray();
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    list.write(number(one.length + 2, 2));
    list.write(number(one.length, 2));
    list.write(one);
    return list.toByteArray();
  }

  /** The trusted root naming this CA, CT log and transparency log. */
  Path writeTrustedRoot(Path file) throws IOException {
    String since = SINCE.toString();
    Files.writeString(
        file,
        "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
            + "\"tlogs\":["
            + log("https://" + REKOR_HOST, rekor, since)
            + "],\"certificateAuthorities\":[{"
            + "\"subject\":{\"organization\":\"test\",\"commonName\":\"test\"},"
            + "\"uri\":\"https://fulcio.test.invalid\",\"certChain\":{\"certificates\":[{\"rawBytes\":\""
            + b64(encoded(caCertificate))
            + "\"}]},\"validFor\":{\"start\":\""
            + since
            + "\"}}],"
            + "\"ctlogs\":["
            + log("https://ct.test.invalid", ctLog, since)
            + "]}");
    return file;
  }

  private static String log(String url, KeyPair keys, String since) {
    return "{\"baseUrl\":\""
        + url
        + "\",\"hashAlgorithm\":\"SHA2_256\",\"publicKey\":{\"rawBytes\":\""
        + b64(keys.getPublic().getEncoded())
        + "\",\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
        + "\"validFor\":{\"start\":\""
        + since
        + "\"}},\"logId\":{\"keyId\":\""
        + b64(logId(keys))
        + "\"}}";
  }

  static byte[] logId(KeyPair keys) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] ecdsa(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(X509Certificate certificate) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(encoded(certificate))
        + "\n-----END CERTIFICATE-----\n";
  }

  private static byte[] number(long value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = bytes - 1; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
    return out;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
  }
}
