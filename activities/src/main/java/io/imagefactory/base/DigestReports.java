package io.imagefactory.base;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * How a client reports digests to base workflows (the webhook does; so do benchmarks): paced per
 * base, at most one signal in flight and one per {@link #interval}, carrying every report that
 * arrived meanwhile. Under a flood of Kargo events a base's history then grows by a few signals a
 * second instead of one per event, so its workflow tasks stay short and it can continue as new; a
 * lone report goes at once. A request is answered only once a signal carrying its report was
 * accepted, so a 202 still means the report is in Temporal.
 *
 * <p>No thread of its own: the request thread that finds a base idle sends, waiting out the rest of
 * the interval first, and hands the sending on to a waiting request when it is done.
 */
public final class DigestReports {

  private final Duration interval;
  private final BiConsumer<String, List<DigestSeen>> signal;
  private final Map<String, Lane> lanes = new HashMap<>();

  /**
   * The least time between two signals to one base: a flood of reports then adds about five signals
   * a second to its history, and a lone report waits at most this long behind the last.
   */
  public static final Duration PACE = Duration.ofMillis(200);

  /**
   * Reports through {@code client}: one report as {@code digestSeen}, several in {@code
   * digestsSeen}.
   */
  public DigestReports(WorkflowClient client) {
    this(
        PACE,
        (workflowId, reports) -> {
          BaseImageWorkflow base = client.newWorkflowStub(BaseImageWorkflow.class, workflowId);
          if (reports.size() == 1) {
            base.digestSeen(reports.get(0));
          } else {
            base.digestsSeen(reports);
          }
        });
  }

  /**
   * @param signal sends the reports to the workflow of that id in one signal; what it throws is
   *     what every request of that signal gets
   */
  DigestReports(Duration interval, BiConsumer<String, List<DigestSeen>> signal) {
    this.interval = interval;
    this.signal = signal;
  }

  /** One base's reports waiting for a signal, and when its last signal went. */
  private static final class Lane {
    final List<Waiter> waiting = new ArrayList<>();
    boolean sending;
    long lastSentNanos = Long.MIN_VALUE;
  }

  /** A request's report; its future completes when delivered, or with {@code LEAD}. */
  private record Waiter(DigestSeen report, CompletableFuture<Boolean> delivered) {}

  private static final boolean LEAD = false;
  private static final boolean DELIVERED = true;

  /**
   * Returns once a signal carrying {@code report} was accepted; throws what that signal threw.
   *
   * @throws InterruptedException when the request's deadline interrupts the wait
   */
  public void send(String workflowId, DigestSeen report) throws InterruptedException {
    Waiter me = new Waiter(report, new CompletableFuture<>());
    Lane lane;
    boolean lead;
    synchronized (lanes) {
      lane = lanes.computeIfAbsent(workflowId, id -> new Lane());
      lane.waiting.add(me);
      lead = !lane.sending;
      lane.sending = true;
    }
    if (!lead && awaitTurn(lane, me) == DELIVERED) {
      return;
    }
    lead(workflowId, lane, me);
  }

  /** Waits for a signal to carry this report, or to be handed the sending. */
  private boolean awaitTurn(Lane lane, Waiter me) throws InterruptedException {
    try {
      return outcome(me);
    } catch (InterruptedException e) {
      synchronized (lanes) {
        if (!me.delivered().isDone()) {
          // Not taken yet: leave. Taken into a signal in flight: the report may well arrive,
          // and a retry of this request is harmless either way.
          lane.waiting.remove(me);
          throw e;
        }
      }
      return outcome(me);
    }
  }

  /** Waits out the interval, sends every waiting report in one signal, then hands on. */
  private void lead(String workflowId, Lane lane, Waiter me) throws InterruptedException {
    long wait =
        lane.lastSentNanos == Long.MIN_VALUE
            ? 0
            : lane.lastSentNanos + interval.toNanos() - System.nanoTime();
    try {
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    } catch (InterruptedException e) {
      synchronized (lanes) {
        lane.waiting.remove(me);
      }
      handOn(workflowId, lane);
      throw e;
    }
    List<Waiter> batch;
    synchronized (lanes) {
      batch = new ArrayList<>(lane.waiting);
      lane.waiting.clear();
    }
    try {
      signal.accept(workflowId, batch.stream().map(Waiter::report).toList());
      batch.forEach(w -> w.delivered().complete(DELIVERED));
    } catch (RuntimeException e) {
      batch.forEach(w -> w.delivered().completeExceptionally(e));
      throw e;
    } finally {
      lane.lastSentNanos = System.nanoTime();
      handOn(workflowId, lane);
    }
  }

  /**
   * The first request still waiting sends next (its report stays in the queue, so its own signal
   * carries it); with none waiting, the base is idle again.
   */
  private void handOn(String workflowId, Lane lane) {
    synchronized (lanes) {
      if (lane.waiting.isEmpty()) {
        lane.sending = false;
        if (System.nanoTime() - lane.lastSentNanos >= interval.toNanos()) {
          lanes.remove(workflowId);
        }
        return;
      }
      lane.waiting.get(0).delivered().complete(LEAD);
    }
  }

  /** Reports waiting for a signal, over all bases; for tests. */
  int waiting() {
    synchronized (lanes) {
      return lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
    }
  }

  private static boolean outcome(Waiter me) throws InterruptedException {
    try {
      return me.delivered().get();
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
  }
}
