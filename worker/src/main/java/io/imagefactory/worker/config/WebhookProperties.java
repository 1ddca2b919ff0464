package io.imagefactory.worker.config;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code image-factory.webhook.*}: the bearer token callers of {@code /api/v1/**} present.
 *
 * @param tokenFile the file holding the token, read on every request so a rotated Secret applies at
 *     once
 * @param token the token itself, for development only; {@code tokenFile} wins when both are set
 * @param maxBodySize requests with a larger body are refused with 413
 */
public record WebhookProperties(
    SecretFile tokenFile, String token, @DefaultValue("64KB") DataSize maxBodySize) {

  public boolean tokenConfigured() {
    return tokenFile != null || (token != null && !token.isBlank());
  }

  @Override
  public String toString() {
    return "WebhookProperties[tokenFile="
        + tokenFile
        + ", token="
        + (token == null ? "unset" : "(set, not shown)")
        + ", maxBodySize="
        + maxBodySize
        + "]";
  }
}
