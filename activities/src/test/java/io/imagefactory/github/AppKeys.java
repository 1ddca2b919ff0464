package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * A GitHub App's key pair for tests: the private key written as GitHub hands it out (PKCS#1) or
 * converted (PKCS#8), and the check GitHub makes of the App's JWT with the public key.
 */
final class AppKeys {

  private static final ObjectMapper JSON = new ObjectMapper();

  final KeyPair pair;

  AppKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  Path writePkcs1(Path file) {
    return write(file, "RSA PRIVATE KEY", pkcs1(pair.getPrivate().getEncoded()));
  }

  Path writePkcs8(Path file) {
    return write(file, "PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** The claims of {@code jwt} when its RS256 signature verifies with {@code key}, else null. */
  static JsonNode verifiedClaims(String jwt, PublicKey key) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!"RS256".equals(header.path("alg").asText())
          || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return null;
      }
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The RSAPrivateKey inside PKCS#8's PrivateKeyInfo: the OCTET STRING after the algorithm. */
  static byte[] pkcs1(byte[] pkcs8) {
    int[] at = {0};
    header(pkcs8, at); // PrivateKeyInfo SEQUENCE: step inside
    int version = header(pkcs8, at);
    at[0] += version;
    int algorithm = header(pkcs8, at);
    at[0] += algorithm;
    int length = header(pkcs8, at); // privateKey OCTET STRING
    return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
  }

  private static int header(byte[] der, int[] at) {
    at[0]++; // tag
    int first = der[at[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at[0]++] & 0xff);
    }
    return length;
  }

  private static Path write(Path file, String label, byte[] der) {
    String pem =
        "-----BEGIN "
            + label
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + label
            + "-----\n";
    try {
      return Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
