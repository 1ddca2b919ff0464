package io.imagefactory.statefiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a managed image is built from: the {@code source} block of an {@code images.yaml} entry,
 * copied into the image's state file.
 *
 * @param provider {@code github} ({@code gitlab} is accepted for a later provider)
 * @param repo {@code owner/name} or a clone URL; null when the Dockerfile lives in the state repo
 * @param branch the branch the Dockerfile is read from and the rebuild is dispatched on
 * @param dockerfile the Dockerfile path, relative to the repository root
 * @param workflow the GitHub Actions workflow file dispatched to rebuild the image
 * @param buildArgs build args applied when analysing the Dockerfile
 * @param workflowInputs inputs sent with the {@code workflow_dispatch}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({
  "provider",
  "repo",
  "branch",
  "dockerfile",
  "workflow",
  "buildArgs",
  "workflowInputs"
})
public record SourceConfig(
    String provider,
    String repo,
    String branch,
    String dockerfile,
    String workflow,
    Map<String, String> buildArgs,
    Map<String, String> workflowInputs) {

  public static final String DEFAULT_BRANCH = "main";

  /** Absent maps are empty and maps are sorted, so a block read back equals the one written. */
  public SourceConfig {
    buildArgs = sorted(buildArgs);
    workflowInputs = sorted(workflowInputs);
  }

  private static Map<String, String> sorted(Map<String, String> values) {
    return values == null || values.isEmpty()
        ? Map.of()
        : Collections.unmodifiableSortedMap(new TreeMap<>(values));
  }

  /** True when the Dockerfile lives in the state repository itself rather than a source repo. */
  public boolean inStateRepo() {
    return repo == null || repo.isBlank();
  }

  /** The branch to read and dispatch on, {@value #DEFAULT_BRANCH} when none is configured. */
  public String effectiveBranch() {
    return branch == null || branch.isBlank() ? DEFAULT_BRANCH : branch;
  }
}
