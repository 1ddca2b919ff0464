package io.imagefactory.worker.metrics;

import io.imagefactory.worker.webhook.ImageEventOutcomes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The image-event webhook's answers as a Prometheus counter, by outcome. */
final class WebhookEventMetrics implements ImageEventOutcomes {

  private final MeterRegistry registry;

  WebhookEventMetrics(MeterRegistry registry) {
    this.registry = registry;
    List.of(ACCEPTED, INVALID, NOT_WATCHED, NOT_RUNNING, UNAVAILABLE).forEach(this::counter);
  }

  @Override
  public void answered(String outcome) {
    counter(outcome).increment();
  }

  private Counter counter(String outcome) {
    return Counter.builder(MetricNames.WEBHOOK_EVENTS)
        .description("Image events Kargo posted to the webhook, by how they were answered")
        .tag("outcome", outcome)
        .register(registry);
  }
}
