package io.imagefactory.worker.config;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.kargo.*}: what the rendered Kargo manifests point at.
 *
 * @param project the Kargo project (and namespace) holding the Warehouses and Stages
 * @param webhookUrl this worker's {@code /api/v1/events/image}, as Kargo reaches it
 * @param tokenSecret the Secret in the project namespace holding the webhook token
 */
public record KargoProperties(
    @DefaultValue("image-factory-watch") String project,
    @DefaultValue("http://image-factory.image-factory.svc:8080/api/v1/events/image")
        String webhookUrl,
    @DefaultValue("image-factory-webhook") String tokenSecret) {}
