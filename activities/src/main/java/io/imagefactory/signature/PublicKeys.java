package io.imagefactory.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, as {@code cosign.pub} holds it). */
public final class PublicKeys {

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private PublicKeys() {}

  /**
   * The EC or RSA key in {@code pem}.
   *
   * @throws IllegalArgumentException naming what is wrong with the file, never its content
   */
  public static PublicKey parse(byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("is not a PEM public key (expected " + BEGIN + ")");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is not a PEM public key: the base64 is malformed");
    }
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this algorithm; try the next.
      }
    }
    throw new IllegalArgumentException("holds neither an EC nor an RSA public key");
  }

  /**
   * True when {@code signature} is {@code key}'s signature over {@code data} as cosign makes it:
   * ECDSA with SHA-256 (its own key pairs), RSA PKCS#1 v1.5 with SHA-256 (imported and KMS keys),
   * or RSA-PSS with SHA-256 (some KMS keys).
   */
  static boolean verifies(PublicKey key, byte[] data, byte[] signature) {
    if ("EC".equals(key.getAlgorithm())) {
      return verifies("SHA256withECDSA", null, key, data, signature);
    }
    return verifies("SHA256withRSA", null, key, data, signature)
        || verifies("RSASSA-PSS", PSS_SHA256, key, data, signature);
  }

  private static final PSSParameterSpec PSS_SHA256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  private static boolean verifies(
      String algorithm, PSSParameterSpec parameters, PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      if (parameters != null) {
        verifier.setParameter(parameters);
      }
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      // A malformed signature for this algorithm is as good as a wrong one.
      return false;
    }
  }
}
