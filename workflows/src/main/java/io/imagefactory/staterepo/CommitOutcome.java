package io.imagefactory.staterepo;

import java.util.List;

/**
 * What became of one batch.
 *
 * @param commitId the commit that holds the batch's changes (the tip when nothing changed)
 * @param changed false when the batch changed no byte
 * @param derivedChanged true when the commit changed rendered files ({@code dist/})
 * @param error why the batch was rejected; null when it was applied
 * @param retryable true when the batch was not committed for a passing reason (the remote is
 *     unreachable, gone or refuses pushes), so the same changes may well commit later; false when
 *     its changes themselves were refused
 * @param stateProblems what rendering the manifests found wrong with the committed state and left
 *     out (an entry Kargo cannot watch), each naming file, entry and field
 */
public record CommitOutcome(
    String commitId,
    boolean changed,
    boolean derivedChanged,
    String error,
    boolean retryable,
    List<String> stateProblems) {

  public CommitOutcome {
    stateProblems = stateProblems == null ? List.of() : List.copyOf(stateProblems);
  }

  public CommitOutcome(String commitId, boolean changed, boolean derivedChanged, String error) {
    this(commitId, changed, derivedChanged, error, false, List.of());
  }

  /** The batch's changes were refused: sending them again would be refused again. */
  public static CommitOutcome rejected(String error) {
    return new CommitOutcome(null, false, false, error, false, List.of());
  }

  /** The commit failed for a reason that may pass: the same changes may commit later. */
  public static CommitOutcome failed(String error) {
    return new CommitOutcome(null, false, false, error, true, List.of());
  }

  public boolean applied() {
    return error == null;
  }
}
