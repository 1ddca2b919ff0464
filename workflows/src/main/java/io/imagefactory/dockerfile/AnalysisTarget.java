package io.imagefactory.dockerfile;

import java.util.Map;

/**
 * One managed image to analyse: where its Dockerfile is, the build args to apply, and where its
 * rebuilds go, so the rebuild target is checked against the same commit as the Dockerfile.
 *
 * @param provider {@code github} (also when null) or {@code gitlab}
 * @param workflow the GitHub Actions workflow file ({@code build.yml}, in {@code
 *     .github/workflows/}) or id; null when none is configured
 * @param workflowInputs {@code source.workflowInputs}, placeholders not filled in
 */
public record AnalysisTarget(
    String image,
    String branch,
    String dockerfile,
    Map<String, String> buildArgs,
    String provider,
    String workflow,
    Map<String, String> workflowInputs) {

  public AnalysisTarget {
    buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
    workflowInputs = workflowInputs == null ? Map.of() : Map.copyOf(workflowInputs);
  }
}
