package io.imagefactory.worker.config;

import io.imagefactory.backstage.BackstageSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.backstage.*}: how images appear in the developer portal, in the catalog
 * rendered to {@code dist/backstage/catalog-info.yaml}.
 *
 * @param enabled whether commits carry the catalog at all: a team without Backstage saves the
 *     rewrite of one large file in every commit that changes an entity
 * @param namespace the Backstage namespace of every entity
 * @param defaultOwner the owner of images without {@code owner} in {@code images.yaml} and of base
 *     images, as an entity reference
 * @param defaultSystem the System of images without {@code system} and of base images; none when
 *     unset
 */
@ConfigurationProperties("image-factory.backstage")
public record BackstageProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue(BackstageSettings.DEFAULT_NAMESPACE) String namespace,
    @DefaultValue(BackstageSettings.DEFAULT_OWNER) String defaultOwner,
    String defaultSystem) {

  /**
   * The settings, with links to source repositories on {@code sourceHost} and GitLab, and to the
   * state repository when its URL is a web address.
   */
  BackstageSettings settings(ImageFactoryProperties properties) {
    StateRepoProperties stateRepo = properties.stateRepo();
    return new BackstageSettings(
        namespace,
        defaultOwner,
        defaultSystem,
        properties.sources().defaultHost(),
        properties.gitlab().baseUrl().toString(),
        stateRepo.configured() ? stateRepo.url() : null,
        stateRepo.branch());
  }
}
