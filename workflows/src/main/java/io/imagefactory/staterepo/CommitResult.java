package io.imagefactory.staterepo;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one commit of several batches.
 *
 * @param commitId the new commit, or the tip when nothing changed
 * @param rejected batch id to the reason its changes could not be applied; the others were
 * @param stateProblems what rendering the manifests found wrong with the committed state and left
 *     out, each naming file, entry and field
 */
public record CommitResult(
    String commitId,
    boolean changed,
    boolean derivedChanged,
    Map<String, String> rejected,
    List<String> stateProblems) {

  public CommitResult {
    rejected = rejected == null ? Map.of() : Map.copyOf(rejected);
    stateProblems = stateProblems == null ? List.of() : List.copyOf(stateProblems);
  }

  public CommitResult(
      String commitId, boolean changed, boolean derivedChanged, Map<String, String> rejected) {
    this(commitId, changed, derivedChanged, rejected, List.of());
  }

  /** The outcome of one of the batches. */
  public CommitOutcome outcomeOf(String batchId) {
    String error = rejected.get(batchId);
    return error != null
        ? CommitOutcome.rejected(error)
        : new CommitOutcome(commitId, changed, derivedChanged, null, false, stateProblems);
  }
}
