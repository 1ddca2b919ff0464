package io.imagefactory.worker.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the worker under {@code image-factory.*}, one group per integration. Each can be
 * set as an environment variable, such as {@code IMAGE_FACTORY_STATE_REPO_URL}.
 */
@ConfigurationProperties("image-factory")
public record ImageFactoryProperties(
    @DefaultValue StateRepoProperties stateRepo,
    @DefaultValue SourcesProperties sources,
    @DefaultValue WebhookProperties webhook,
    @DefaultValue GitHubProperties github,
    @DefaultValue GitLabProperties gitlab,
    @DefaultValue ArgoCdProperties argocd,
    @DefaultValue KubernetesProperties kubernetes,
    @DefaultValue KargoProperties kargo,
    @DefaultValue TemporalProperties temporal,
    @DefaultValue EmbeddedProperties embedded,
    @DefaultValue EnrollmentProperties enrollment,
    @DefaultValue HooksProperties hooks,
    @DefaultValue ScanProperties scan) {}
