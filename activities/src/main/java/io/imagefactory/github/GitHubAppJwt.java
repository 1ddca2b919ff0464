package io.imagefactory.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.rebuild.CiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The JSON Web Token a GitHub App signs to speak as itself (RS256, signed with the JDK alone). The
 * private key file is read at every mint, so a rotated key is picked up; GitHub's downloads are
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), converted ones PKCS#8 ({@code BEGIN PRIVATE KEY}), and
 * both are accepted.
 */
final class GitHubAppJwt {

  // GitHub accepts at most ten minutes; iat is back-dated for clock drift, as GitHub advises.
  static final Duration BACKDATE = Duration.ofSeconds(60);
  static final Duration LIFETIME = Duration.ofMinutes(9);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The DER of AlgorithmIdentifier {rsaEncryption, NULL}, which PKCS#8 puts before the key. */
  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  private final String appId;
  private final Path privateKeyFile;

  GitHubAppJwt(String appId, Path privateKeyFile) {
    this.appId = appId.strip();
    this.privateKeyFile = privateKeyFile;
  }

  String appId() {
    return appId;
  }

  String mint(Instant now) throws CiException {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iat", now.minus(BACKDATE).getEpochSecond());
    claims.put("exp", now.plus(LIFETIME).getEpochSecond());
    if (appId.chars().allMatch(Character::isDigit)) {
      claims.put("iss", Long.parseLong(appId));
    } else {
      claims.put("iss", appId); // A client id (Iv1.…) is accepted in place of the app id.
    }
    String unsigned =
        encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + encode(claims.toString());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(privateKey());
      rs256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
      return unsigned + "." + BASE64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw CiException.rejected(
          "the GitHub App private key file %s is not a usable RSA key: %s"
              .formatted(privateKeyFile, e.getClass().getSimpleName()));
    }
  }

  private PrivateKey privateKey() throws CiException, GeneralSecurityException {
    String pem = GitHubTokenFile.read(privateKeyFile, "GitHub App private key file");
    boolean pkcs1 = pem.contains("-----BEGIN RSA PRIVATE KEY-----");
    String label = pkcs1 ? "RSA PRIVATE KEY" : "PRIVATE KEY";
    int begin = pem.indexOf("-----BEGIN " + label + "-----");
    int end = pem.indexOf("-----END " + label + "-----");
    if (begin < 0 || end < begin || pem.contains("ENCRYPTED")) {
      throw CiException.rejected(
          "the GitHub App private key file %s holds no unencrypted PEM key"
                  .formatted(privateKeyFile)
              + " (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    String base64 = pem.substring(begin + label.length() + 16, end);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw CiException.rejected(
          "the GitHub App private key file " + privateKeyFile + " is not valid PEM");
    }
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(pkcs1 ? pkcs8(der) : der));
  }

  /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8's PrivateKeyInfo, which is what the JDK reads. */
  static byte[] pkcs8(byte[] pkcs1) {
    ByteArrayOutputStream info = new ByteArrayOutputStream();
    info.writeBytes(new byte[] {0x02, 0x01, 0x00});
    info.writeBytes(RSA_ALGORITHM);
    info.writeBytes(tagged(0x04, pkcs1));
    return tagged(0x30, info.toByteArray());
  }

  private static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(tag);
    int length = content.length;
    if (length < 0x80) {
      der.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      der.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        der.write(length >>> (8 * i));
      }
    }
    der.writeBytes(content);
    return der.toByteArray();
  }

  private static String encode(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
