package io.imagefactory.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.temporal.*}: what the worker adds to the Temporal starter's own {@code
 * spring.temporal.connection.*} (target, namespace, mutual TLS key and certificate files).
 *
 * @param apiKeyFile a file holding a Temporal Cloud API key, sent as a bearer token on every call
 *     and read on every call, so a rotated Secret applies without a restart; turns TLS on unless
 *     {@code spring.temporal.connection.enable-https} is {@code false}
 * @param webhookDeadline how long a webhook request waits for Temporal before it answers 503
 * @param startRetryMaxInterval the longest wait between two attempts to reach Temporal at start
 * @param checkSearchAttributes whether the worker checks, and registers where it may, the search
 *     attributes its workflows set before it starts polling; turn off only where they exist and the
 *     worker's identity may not list them
 * @param shutdownGrace how long the workers' running tasks may take to finish after SIGTERM; keep
 *     it below the pod's {@code terminationGracePeriodSeconds} (deploy/README.md, Shutdown)
 */
public record TemporalProperties(
    SecretFile apiKeyFile,
    @DefaultValue("5s") Duration webhookDeadline,
    @DefaultValue("30s") Duration startRetryMaxInterval,
    @DefaultValue("true") boolean checkSearchAttributes,
    @DefaultValue("75s") Duration shutdownGrace) {}
