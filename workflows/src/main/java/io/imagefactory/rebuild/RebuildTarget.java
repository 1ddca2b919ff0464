package io.imagefactory.rebuild;

import java.util.Map;

/**
 * Where a rebuild is dispatched: the GitHub Actions workflow or GitLab pipeline of a managed image.
 * Carries no credentials; the worker holds those.
 *
 * @param provider {@code github} (the default) or {@code gitlab}
 * @param repo {@code owner/name} of the GitHub repository that owns the workflow, or the GitLab
 *     project path; null when the Dockerfile lives in the state repository (the worker knows that
 *     repository)
 * @param workflow the workflow file, such as {@code build.yml}; null for GitLab
 * @param ref the branch to run on
 * @param inputs the workflow inputs (GitLab: pipeline variables) the image configures, with
 *     placeholders such as {@code ${base.node-22-bookworm-slim.ref}} not yet filled in
 */
public record RebuildTarget(
    String provider, String repo, String workflow, String ref, Map<String, String> inputs) {

  public RebuildTarget {
    inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
  }
}
