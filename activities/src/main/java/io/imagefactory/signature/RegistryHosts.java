package io.imagefactory.signature;

import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * Where a registry named in a repository answers: Docker Hub's API host, and plain HTTP for the
 * registries the worker is told are insecure (a local registry in tests and demos).
 */
public final class RegistryHosts {

  private static final String DOCKER_HUB = "docker.io";
  private static final String DOCKER_HUB_API = "registry-1.docker.io";

  private final Set<String> insecure;

  /** {@code insecure}: registries ({@code host[:port]}) reached over plain HTTP. */
  public RegistryHosts(List<String> insecure) {
    this.insecure = Set.copyOf(insecure);
  }

  /** The base URI of the registry's API, {@code https://host/}. */
  URI baseUri(String registry) {
    String host = DOCKER_HUB.equals(registry) ? DOCKER_HUB_API : registry;
    return URI.create((insecure.contains(registry) ? "http://" : "https://") + host + "/");
  }

  /** The keys a {@code config.json} may file a registry's credentials under. */
  static List<String> configKeys(String registry) {
    if (DOCKER_HUB.equals(registry)) {
      return List.of("index.docker.io", DOCKER_HUB, DOCKER_HUB_API);
    }
    return List.of(registry);
  }
}
