package io.imagefactory.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
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

  /** The JCA signature algorithm cosign uses with {@code key}. */
  static String signatureAlgorithm(PublicKey key) {
    return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
  }
}
