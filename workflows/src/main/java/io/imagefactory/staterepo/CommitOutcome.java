package io.imagefactory.staterepo;

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
 */
public record CommitOutcome(
    String commitId, boolean changed, boolean derivedChanged, String error, boolean retryable) {

  public CommitOutcome(String commitId, boolean changed, boolean derivedChanged, String error) {
    this(commitId, changed, derivedChanged, error, false);
  }

  /** The batch's changes were refused: sending them again would be refused again. */
  public static CommitOutcome rejected(String error) {
    return new CommitOutcome(null, false, false, error, false);
  }

  /** The commit failed for a reason that may pass: the same changes may commit later. */
  public static CommitOutcome failed(String error) {
    return new CommitOutcome(null, false, false, error, true);
  }

  public boolean applied() {
    return error == null;
  }
}
