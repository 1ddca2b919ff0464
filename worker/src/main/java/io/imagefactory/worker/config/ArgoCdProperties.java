package io.imagefactory.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.argocd.*}: the Argo CD Application that syncs the rendered manifests.
 *
 * @param application its name
 * @param namespace the namespace it lives in
 * @param syncTimeout how long an enrollment waits for it to sync a commit
 */
public record ArgoCdProperties(
    @DefaultValue("image-factory") String application,
    @DefaultValue("argocd") String namespace,
    @DefaultValue("10m") Duration syncTimeout) {}
