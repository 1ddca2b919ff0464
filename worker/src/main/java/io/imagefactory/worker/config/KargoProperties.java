package io.imagefactory.worker.config;

import io.imagefactory.kargo.KargoSettings;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.kargo.*}: what the rendered Kargo manifests point at.
 *
 * @param project the Kargo project (and namespace) holding the Warehouses and Stages
 * @param webhookUrl this worker's {@code /api/v1/events/image}, as Kargo reaches it
 * @param tokenSecret the Secret in the project namespace holding the webhook token
 */
public record KargoProperties(
    @DefaultValue(KargoSettings.DEFAULT_PROJECT) String project,
    @DefaultValue(KargoSettings.DEFAULT_WEBHOOK_URL) String webhookUrl,
    @DefaultValue(KargoSettings.DEFAULT_TOKEN_SECRET) String tokenSecret) {

  /** The renderer's settings; the ones not configurable here keep their defaults. */
  public KargoSettings settings() {
    KargoSettings defaults = KargoSettings.defaults();
    return new KargoSettings(
        project,
        webhookUrl,
        tokenSecret,
        defaults.tokenSecretKey(),
        defaults.discoveryLimit(),
        defaults.warehouseInterval(),
        defaults.httpTimeout());
  }
}
