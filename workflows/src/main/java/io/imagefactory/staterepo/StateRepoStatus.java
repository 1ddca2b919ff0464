package io.imagefactory.staterepo;

import java.util.List;

/**
 * What the single writer is doing.
 *
 * @param queuedBatches batches waiting for the next commit
 * @param commits commits made by this run
 * @param lastCommitId the last commit made or found
 * @param submitters submitters whose last answered batch the writer remembers
 * @param lastFailure why the last commit failed, when it did (cleared by the next that does not)
 * @param stateProblems what the last commit's rendering found Kargo cannot watch, each naming file,
 *     entry and field; empty before this run's first commit
 */
public record StateRepoStatus(
    int queuedBatches,
    int commits,
    String lastCommitId,
    int submitters,
    String lastFailure,
    List<String> stateProblems) {

  public StateRepoStatus {
    stateProblems = stateProblems == null ? List.of() : List.copyOf(stateProblems);
  }
}
