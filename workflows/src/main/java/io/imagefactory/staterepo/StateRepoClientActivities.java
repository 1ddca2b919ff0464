package io.imagefactory.staterepo;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * The Temporal-client side of the single writer, {@code state-repo}: delivering a batch to it, and
 * its acknowledgements to the submitters. Neither waits for a commit.
 */
@ActivityInterface
public interface StateRepoClientActivities {

  /**
   * Hands a batch to the writer by signal, starting the writer if it is not running; returns once
   * the writer has the batch. Workflows signal the writer directly and use this only when that
   * signal fails. Idempotent: the writer applies a batch id once.
   */
  @ActivityMethod
  void deliver(StateChangeBatch batch);

  /**
   * Signals each acknowledgement to its submitter by workflow id. A submitter that has ended is
   * skipped. Idempotent: a submitter ignores an answer it already has.
   */
  @ActivityMethod
  void acknowledge(List<Acknowledgement> acknowledgements);
}
