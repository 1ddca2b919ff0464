package io.imagefactory.staterepo;

import java.util.List;

/**
 * What applying a batch of patches did.
 *
 * @param committed true when a commit was pushed; false when the batch changed no byte
 * @param commitId the pushed commit, or the unchanged tip when nothing was committed
 * @param applied descriptions of the patches that changed something, in batch order
 * @param rejected patches that failed and were left out
 * @param changedPaths every path written or deleted, sorted
 * @param attempts how many times the batch was applied (more than one after rejected pushes)
 * @param problems what rendering the derived files found wrong with the resulting state
 */
public record ApplyResult(
    boolean committed,
    String commitId,
    List<String> applied,
    List<PatchRejection> rejected,
    List<String> changedPaths,
    int attempts,
    List<String> problems) {

  public ApplyResult {
    problems = problems == null ? List.of() : List.copyOf(problems);
    applied = List.copyOf(applied);
    rejected = List.copyOf(rejected);
    changedPaths = List.copyOf(changedPaths);
  }
}
