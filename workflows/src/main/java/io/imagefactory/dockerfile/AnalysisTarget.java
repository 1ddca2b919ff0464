package io.imagefactory.dockerfile;

import java.util.Map;

/** One managed image to analyse: where its Dockerfile is and the build args to apply. */
public record AnalysisTarget(
    String image, String branch, String dockerfile, Map<String, String> buildArgs) {

  public AnalysisTarget {
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
  }
}
