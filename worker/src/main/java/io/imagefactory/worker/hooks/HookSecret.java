package io.imagefactory.worker.hooks;

import io.imagefactory.worker.config.HooksProperties;
import io.imagefactory.worker.config.SecretFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The shared secret of one push hook, read from its file on every delivery so a rotated Secret
 * applies at once. Both checks compare in constant time ({@link MessageDigest#isEqual}), and
 * neither the secret nor what a caller presented ever reaches a message.
 */
final class HookSecret {

  private static final String SIGNATURE_PREFIX = "sha256=";

  private final SecretFile file;

  private HookSecret(SecretFile file) {
    this.file = file;
  }

  /** The hook's secret, or none when its secret file is not configured. */
  static HookSecret of(HooksProperties.Hook hook) {
    return hook != null && hook.configured() ? new HookSecret(hook.secretFile()) : null;
  }

  /**
   * GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body.
   *
   * @throws SecretFile.SecretUnavailableException when the secret file cannot be read
   */
  boolean signs(String signature, byte[] body) {
    byte[] secret = secret();
    if (signature == null
        || !signature.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
      return false;
    }
    byte[] presented;
    try {
      presented =
          HexFormat.of()
              .parseHex(
                  signature.substring(SIGNATURE_PREFIX.length()).strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(hmac(secret, body), presented);
  }

  /**
   * GitLab's {@code X-Gitlab-Token}: the secret itself.
   *
   * @throws SecretFile.SecretUnavailableException when the secret file cannot be read
   */
  boolean is(String token) {
    byte[] secret = secret();
    // Digests have one length, so not even the secret's length leaks through timing.
    return token != null
        && MessageDigest.isEqual(sha256(secret), sha256(token.getBytes(StandardCharsets.UTF_8)));
  }

  private byte[] secret() {
    String secret = file.read();
    if (secret.isEmpty()) {
      throw new SecretFile.SecretUnavailableException("secret file " + file.path() + " is empty");
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] hmac(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

  private static byte[] sha256(byte[] text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "HookSecret[" + file + "]";
  }
}
