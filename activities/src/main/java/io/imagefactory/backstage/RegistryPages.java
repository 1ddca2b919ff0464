package io.imagefactory.backstage;

import io.imagefactory.reference.DockerHub;
import java.util.Optional;

/**
 * The web page of an image repository, for the registries whose page address follows from the image
 * name alone: Docker Hub and Quay. Others (GHCR pages belong to a user or an organisation, private
 * registries) get the {@code image-factory.io/image} annotation only.
 */
final class RegistryPages {

  private RegistryPages() {}

  static Optional<String> of(String registry, String repository) {
    String path = WebUrls.path(repository);
    return switch (registry) {
      case DockerHub.HOST ->
          Optional.of(
              DockerHub.isOfficial(path)
                  ? "https://hub.docker.com/_/" + DockerHub.familiar(path)
                  : "https://hub.docker.com/r/" + path);
      case "quay.io" -> Optional.of("https://quay.io/repository/" + path);
      default -> Optional.empty();
    };
  }
}
