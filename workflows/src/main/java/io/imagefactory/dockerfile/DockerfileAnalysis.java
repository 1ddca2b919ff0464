package io.imagefactory.dockerfile;

import java.util.List;

/**
 * The base images of one Dockerfile, in order of first appearance, each once, plus the warnings for
 * references that could not be resolved.
 */
public record DockerfileAnalysis(List<BaseImageReference> baseImages, List<String> warnings) {

  public DockerfileAnalysis {
    baseImages = List.copyOf(baseImages);
    warnings = List.copyOf(warnings);
  }
}
