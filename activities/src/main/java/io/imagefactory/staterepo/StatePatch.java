package io.imagefactory.staterepo;

/**
 * One semantic change to the state repository ("enroll backstage", "record digest of
 * node-22-bookworm-slim"). A patch is applied to the files at a fresh tip of the branch and may be
 * applied again on a newer tip when a push is rejected, so it must be idempotent and must read what
 * it needs from {@link StateFiles} rather than carry a precomputed file.
 */
public interface StatePatch {

  /** A short phrase for the commit message, such as {@code enroll backstage}. */
  String describe();

  /**
   * Edits {@code files}. Throwing rejects this patch only: its edits are rolled back and the rest
   * of the batch is still committed.
   */
  void applyTo(StateFiles files);

  /**
   * Reports to {@code metrics} what this patch's last application changed; the writer calls it
   * once, after that application was pushed. Most patches have nothing to report.
   */
  default void reportTo(StateRepoMetrics metrics) {}
}
