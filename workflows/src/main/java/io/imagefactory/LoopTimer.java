package io.imagefactory;

import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The timer of a workflow's main loop, with a summary the Temporal UI shows. It is kept across
 * iterations while its due time stands: a loop woken by a flood of signals would otherwise start a
 * timer for every one of them. A timer whose due time has passed on is left to fire rather than
 * cancelled: that costs one empty workflow task, while a cancellation in the same task as an
 * external signal makes the Java test server fail the signal (its initiated event goes missing).
 */
public final class LoopTimer {

  private Instant dueAt;
  private Promise<Void> timer;

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
      TimerOptions options =
          TimerOptions.newBuilder().setSummary(UiSummaries.line(summary)).build();
      dueAt = due;
      timer = Workflow.newTimer(timeout, options);
    }
    Promise<Void> waiting = timer;
    Workflow.await(() -> waiting.isCompleted() || unblock.get());
    return unblock.get();
  }
}
