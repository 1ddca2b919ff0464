package io.imagefactory.worker.temporal;

import io.imagefactory.worker.config.SecretFile;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import javax.annotation.Nonnull;

/**
 * Sends the API key of {@code image-factory.temporal.api-key-file} as the bearer token of every
 * Temporal call, read from the file at each call: a rotated Secret applies without a restart, and
 * the key is never held in a setting, a log line or an exception message. As with the starter's own
 * {@code api-key}, the connection uses TLS unless {@code spring.temporal.connection.enable-https}
 * says {@code false}.
 */
final class ApiKeyFileCustomizer
    implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> {

  private final SecretFile apiKey;
  private final Boolean enableHttps;

  /**
   * @param apiKey the file holding the key
   * @param enableHttps {@code spring.temporal.connection.enable-https}, null when unset
   */
  ApiKeyFileCustomizer(SecretFile apiKey, Boolean enableHttps) {
    this.apiKey = apiKey;
    this.enableHttps = enableHttps;
  }

  @Nonnull
  @Override
  public WorkflowServiceStubsOptions.Builder customize(
      @Nonnull WorkflowServiceStubsOptions.Builder options) {
    // The starter has set enable-https to false when unset; an API key wants TLS unless told not.
    return options.addApiKey(apiKey::read).setEnableHttps(enableHttps == null || enableHttps);
  }

  @Override
  public String toString() {
    return "ApiKeyFileCustomizer[" + apiKey + "]";
  }
}
