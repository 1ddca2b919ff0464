package io.imagefactory;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The timer of a workflow's main loop, with a summary the Temporal UI shows. It is kept across
 * iterations while its due time stands: a loop woken by a flood of signals would otherwise start
 * and cancel a timer for every one of them, and its history would grow by two events each time.
 */
public final class LoopTimer {

  private Instant dueAt;
  private Promise<Void> timer;
  private CancellationScope scope;

  /**
   * Waits until {@code unblock} holds or {@code timeout} from now has passed.
   *
   * @return true when {@code unblock} holds
   */
  public boolean await(Duration timeout, String summary, Supplier<Boolean> unblock) {
    if (unblock.get()) {
      return true;
    }
    Instant due = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(timeout);
    if (timer == null || timer.isCompleted() || !due.equals(dueAt)) {
      cancel();
      TimerOptions options = TimerOptions.newBuilder().setSummary(UiSummaries.line(summary)).build();
      dueAt = due;
      scope = Workflow.newCancellationScope(() -> timer = Workflow.newTimer(timeout, options));
      scope.run();
    }
    Promise<Void> waiting = timer;
    Workflow.await(() -> waiting.isCompleted() || unblock.get());
    return unblock.get();
  }

  /** Cancels the pending timer, if any: its due time no longer matters. */
  public void cancel() {
    if (timer != null && !timer.isCompleted()) {
      scope.cancel();
    }
    timer = null;
    dueAt = null;
  }
}
