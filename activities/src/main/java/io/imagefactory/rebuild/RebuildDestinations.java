package io.imagefactory.rebuild;

import java.util.Optional;
import java.util.Set;

/**
 * Where this worker can send rebuilds: the CI providers it has credentials for, and the state
 * repository's own GitHub repository, if it has one. An image whose rebuilds could go nowhere is an
 * enrollment error, found on day one rather than when its first rebuild matures.
 *
 * @param providers the configured providers ({@code github}, {@code gitlab}); the rest record
 * @param stateRepository {@code owner/name} of the state repository on GitHub, or null
 */
public record RebuildDestinations(Set<String> providers, String stateRepository) {

  public RebuildDestinations {
    providers = Set.copyOf(providers);
  }

  /** A worker without credentials: every dispatch is recorded, so every target will do. */
  public static RebuildDestinations recordingOnly() {
    return new RebuildDestinations(Set.of(), null);
  }

  /**
   * Why an image of {@code provider} whose Dockerfile lives in the state repository (or not) has
   * nowhere to be rebuilt; empty when it has.
   */
  public Optional<String> problem(String provider, boolean inStateRepository) {
    String name = provider == null ? RebuildActivitiesImpl.DEFAULT_PROVIDER : provider;
    if (!inStateRepository || !providers.contains(name)) {
      return Optional.empty();
    }
    if ("gitlab".equals(name)) {
      return Optional.of("a GitLab pipeline runs in a GitLab project: set source.repo to its path");
    }
    if (stateRepository == null) {
      return Optional.of(
          "the Dockerfile lives in the state repository, which is not on GitHub, so its rebuild"
              + " has no repository to be dispatched to: set source.repo, or"
              + " image-factory.github.state-repository on the worker");
    }
    return Optional.empty();
  }
}
