package io.imagefactory.worker.config;

import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.sources.*}: the source repositories Dockerfiles are read from.
 *
 * @param allowedHosts git hosts a {@code source.repo} may point at
 * @param defaultHost the host of an {@code owner/name} repository
 * @param tokenFile the token for private source repositories, read at use time
 * @param allowLocal whether {@code file:} source repositories are accepted (tests, demos)
 */
public record SourcesProperties(
    @DefaultValue("github.com") List<String> allowedHosts,
    @DefaultValue("github.com") String defaultHost,
    SecretFile tokenFile,
    boolean allowLocal) {

  public SourcesProperties {
    allowedHosts = List.copyOf(allowedHosts);
  }
}
