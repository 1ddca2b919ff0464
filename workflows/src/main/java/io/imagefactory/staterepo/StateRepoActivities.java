package io.imagefactory.staterepo;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Commits state changes to the state repository. Used only by the single writer. */
@ActivityInterface
public interface StateRepoActivities {

  /**
   * Applies the batches to a fresh tip, re-renders derived files, commits once and pushes; a
   * rejected push is retried on the new tip. Idempotent: the changes are, and a batch that changes
   * nothing makes no commit. A batch whose changes are invalid is reported in {@link
   * CommitResult#rejected()} and does not hold back the others.
   */
  @ActivityMethod
  CommitResult commit(CommitRequest request);
}
