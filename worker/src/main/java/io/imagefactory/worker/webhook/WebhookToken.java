package io.imagefactory.worker.webhook;

import io.imagefactory.worker.config.SecretFile;
import io.imagefactory.worker.config.WebhookProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token callers of the API present. The expected token is read at every check (from its
 * file when one is configured), so a rotated Secret applies at once; the comparison takes the same
 * time whatever the presented token is, so timing tells an attacker nothing. The status page checks
 * the same token.
 */
public final class WebhookToken {

  private final SecretFile file;
  private final String value;

  private WebhookToken(SecretFile file, String value) {
    this.file = file;
    this.value = value;
  }

  static WebhookToken of(WebhookProperties properties) {
    if (!properties.tokenConfigured()) {
      throw new IllegalStateException(
          "No webhook token configured: set image-factory.webhook.token-file"
              + " (IMAGE_FACTORY_WEBHOOK_TOKEN_FILE) to the file holding the token Kargo sends");
    }
    return new WebhookToken(properties.tokenFile(), properties.token());
  }

  /**
   * True when {@code presented} is the token.
   *
   * @throws SecretFile.SecretUnavailableException when the token file cannot be read
   */
  public boolean matches(String presented) {
    String expected = file != null ? file.read() : value;
    if (presented == null || expected.isEmpty()) {
      return false;
    }
    // Digests have one length, so not even the token's length leaks through timing.
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookToken[" + (file != null ? file : "(configured value, not shown)") + "]";
  }
}
