package io.imagefactory.worker.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the worker's metrics, under {@code image-factory.metrics}.
 *
 * @param staleAfter how long an image may go without a build while a newer base digest waits before
 *     {@code image_factory_images_stale} counts it
 */
@ConfigurationProperties("image-factory.metrics")
public record MetricsProperties(@DefaultValue("30d") Duration staleAfter) {}
