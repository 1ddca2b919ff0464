package io.imagefactory.rebuild;

import java.util.Map;

/**
 * Where a rebuild is dispatched: the GitHub Actions workflow of a managed image. Carries no
 * credentials; the worker holds those.
 *
 * @param repo {@code owner/name} of the repository that owns the workflow, or null when the
 *     Dockerfile lives in the state repository (the worker knows that repository)
 * @param workflow the workflow file, such as {@code build.yml}; null when none is configured
 * @param ref the branch to run on
 * @param inputs the inputs the image configures; exactly these are sent
 */
public record RebuildTarget(
    String provider, String repo, String workflow, String ref, Map<String, String> inputs) {

  public RebuildTarget {
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
  }
}
