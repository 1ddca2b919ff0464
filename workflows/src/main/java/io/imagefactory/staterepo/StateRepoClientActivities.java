package io.imagefactory.staterepo;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Hands state changes to the single writer, {@code state-repo}, and waits for their commit. */
@ActivityInterface
public interface StateRepoClientActivities {

  /**
   * Submits a batch through the writer's update, starting the writer if it is not running.
   * Idempotent: the writer commits a batch id once and answers a repeat with the first outcome.
   */
  @ActivityMethod
  CommitOutcome submit(StateChangeBatch batch);
}
