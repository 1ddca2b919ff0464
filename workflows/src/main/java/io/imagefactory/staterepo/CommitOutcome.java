package io.imagefactory.staterepo;

/**
 * What became of one batch.
 *
 * @param commitId the commit that holds the batch's changes (the tip when nothing changed)
 * @param changed false when the batch changed no byte
 * @param derivedChanged true when the commit changed rendered files ({@code dist/})
 * @param error why the batch was rejected; null when it was applied
 */
public record CommitOutcome(String commitId, boolean changed, boolean derivedChanged, String error) {

  public static CommitOutcome rejected(String error) {
    return new CommitOutcome(null, false, false, error);
  }

  public boolean applied() {
    return error == null;
  }
}
