package io.imagefactory.staterepo;

import io.imagefactory.SingletonStart;
import io.imagefactory.UiSummaries;
import io.imagefactory.WorkflowIds;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * One workflow's way to the single writer; use from workflow code only. Changes are put by key (a
 * newer change replaces an unsent one of the same key), sent as one batch by signal when no batch
 * is in flight, and kept until the writer acknowledges that batch:
 *
 * <ul>
 *   <li>no answer within {@link #ANSWER_TIMEOUT} (doubling up to {@link #MAX_WAIT}): the same batch
 *       is sent again, and the writer answers a redelivery from memory;
 *   <li>refused, or the commit failed: its changes go back in front of the unsent ones and a new
 *       batch goes after a backoff, so a write is never dropped;
 *   <li>the writer is not running, so the signal fails: an activity starts it with the batch.
 * </ul>
 *
 * An entity calls {@link #step()} from its main loop and includes {@link #hasWork()} and {@link
 * #untilDue()} in what that loop waits for, so nothing blocks while the writer is behind; the
 * enrollment, which needs the outcome before it goes on, calls {@link #commit}.
 */
public final class StateRepoOutbox {

  private static final Logger log = Workflow.getLogger(StateRepoOutbox.class);

  /**
   * How long to wait for an answer before sending the batch again. A delivered batch is in the
   * writer's history and survives its continue-as-new, so only a lost answer needs this; it is long
   * because a writer working through a burst of thousands answers late, and a resend then only adds
   * to its work.
   */
  public static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(10);

  /** The first wait after a refusal or a failed delivery. */
  public static final Duration FIRST_RETRY = Duration.ofSeconds(10);

  /** The longest wait between two sends. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(30);

  private final StateRepoWorkflow writer =
      Workflow.newExternalWorkflowStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);

  private final String submitter = Workflow.getInfo().getWorkflowId();
  private final Map<String, StateChange> unsent = new LinkedHashMap<>();
  private final Map<String, StateChange> sent = new LinkedHashMap<>();
  private StateChangeBatch inFlight;
  private Promise<Void> delivery;
  private boolean started;
  private long dueAt;
  private long heldUntil;
  private int sends;
  private int failures;
  private Acknowledgement answer;
  private String behind;

  /** Queues a change; it replaces an unsent change of the same key, which it makes obsolete. */
  public void put(String key, StateChange change) {
    unsent.remove(key);
    unsent.put(key, change);
  }

  /**
   * Keeps only the {@code max} newest unsent changes, for a workflow whose every change supersedes
   * the ones put before it, so that only the last few still matter.
   */
  public void keepNewest(int max) {
    Iterator<String> keys = unsent.keySet().iterator();
    for (int drop = unsent.size() - max; drop > 0; drop--) {
      keys.next();
      keys.remove();
    }
  }

  /**
   * Keeps only the {@code max} newest unsent changes that are {@code kind}, leaving the others be:
   * for a workflow with one kind of change that supersedes itself among others that do not.
   */
  public void keepNewest(int max, Class<? extends StateChange> kind) {
    long count = unsent.values().stream().filter(kind::isInstance).count();
    Iterator<StateChange> changes = unsent.values().iterator();
    while (count > max && changes.hasNext()) {
      if (kind.isInstance(changes.next())) {
        changes.remove();
        count--;
      }
    }
  }

  /**
   * Every change the writer has not acknowledged, in the order it should apply them: what a
   * workflow that continues as new carries to its next run, which sends them again as a new batch.
   * An answer to the old batch then reaches the next run as a stale one and is ignored.
   */
  public List<StateChange> unacknowledged() {
    Map<String, StateChange> all = new LinkedHashMap<>();
    sent.forEach((key, change) -> all.put(key, unsent.getOrDefault(key, change)));
    all.putAll(unsent);
    return List.copyOf(all.values());
  }

  /**
   * True while a batch is being handed to the writer. A workflow continues as new only after, so
   * that the batch its next run sends cannot overtake this one.
   */
  public boolean delivering() {
    return delivery != null && !delivery.isCompleted();
  }

  /**
   * Sends no new batch for up to {@code hold}, so changes coming shortly after go in the same
   * batch; {@link #release} ends the hold early. Answers are still taken.
   */
  public void hold(Duration hold) {
    heldUntil = Workflow.currentTimeMillis() + hold.toMillis();
  }

  public void release() {
    heldUntil = 0;
  }

  /**
   * From the workflow's signal handler; an answer to another batch than the one in flight is stale.
   */
  public void acknowledged(Acknowledgement ack) {
    if (inFlight != null && inFlight.batchId().equals(ack.batchId())) {
      answer = ack;
    }
  }

  /** Something to do now: an answer came, or a delivery failed. */
  public boolean hasWork() {
    return answer != null || deliveryFailed();
  }

  /** How long until a batch is due to be sent (again); empty when nothing waits. */
  public Optional<Duration> untilDue() {
    if (idle()) {
      return Optional.empty();
    }
    long due = inFlight == null ? Math.max(dueAt, heldUntil) : dueAt;
    long wait = due - Workflow.currentTimeMillis();
    if (wait <= 0 && delivery != null && !delivery.isCompleted()) {
      // A slow start of the writer is still under way: look again later rather than spin.
      wait = FIRST_RETRY.toMillis();
    }
    return Optional.of(Duration.ofMillis(Math.max(0, wait)));
  }

  /** Nothing unsent and nothing waiting for an answer. */
  public boolean idle() {
    return inFlight == null && unsent.isEmpty();
  }

  /**
   * Why the state repository is behind this workflow, for its details line; null when it is not.
   */
  public String behind() {
    return behind;
  }

  /** Takes an answer, handles a failed delivery, and sends what is due. Never blocks. */
  public void step() {
    if (answer != null) {
      settle(answer);
      answer = null;
    }
    drive();
    long now = Workflow.currentTimeMillis();
    if (inFlight == null && !unsent.isEmpty() && now >= dueAt && now >= heldUntil) {
      sent.putAll(unsent);
      unsent.clear();
      send(
          new StateChangeBatch(
              Workflow.randomUUID().toString(), submitter, List.copyOf(sent.values())));
    }
  }

  /**
   * Commits {@code changes} and returns the outcome, for a workflow that cannot go on without the
   * commit; nothing else may be in flight. An unanswered batch is sent again; a commit that failed
   * for a passing reason (the remote unreachable, gone or refusing pushes) is sent again as a new
   * batch after a backoff, so it lands once the remote is back, and {@code progress} hears each
   * time why it waits. Only changes the writer refused come back unapplied.
   */
  public CommitOutcome commit(List<StateChange> changes, Consumer<String> progress) {
    while (true) {
      CommitOutcome outcome = commitOnce(changes, progress);
      if (outcome.applied() || !outcome.retryable()) {
        failures = 0;
        behind = null;
        return outcome;
      }
      failures++;
      Duration wait = backoff(FIRST_RETRY, failures - 1);
      behind = "state repository behind: " + outcome.error() + "; trying again in " + minutes(wait);
      log.warn("{}: {}", submitter, behind);
      progress.accept(behind);
      Workflow.sleep(wait);
    }
  }

  /** Sends one batch and waits for its outcome, sending it again while unanswered. */
  private CommitOutcome commitOnce(List<StateChange> changes, Consumer<String> progress) {
    send(new StateChangeBatch(newBatchId(), submitter, changes, true));
    while (true) {
      Duration wait = untilDue().orElseThrow();
      if (!wait.isZero() && !hasWork()) {
        UiSummaries.await(
            wait,
            "wait for the state-repo writer to commit "
                + changes.size()
                + " change(s) of "
                + submitter,
            this::hasWork);
      }
      if (answer != null) {
        CommitOutcome outcome = answer.outcome();
        answer = null;
        inFlight = null;
        return outcome;
      }
      String before = behind;
      drive();
      if (behind != null && !behind.equals(before)) {
        progress.accept(behind);
      }
    }
  }

  private void settle(Acknowledgement ack) {
    CommitOutcome outcome = ack.outcome();
    inFlight = null;
    delivery = null;
    if (outcome.applied()) {
      sent.clear();
      failures = 0;
      dueAt = 0;
      behind = null;
      return;
    }
    failures++;
    // Its changes go before the newer ones, unless a newer one replaces them.
    Map<String, StateChange> again = new LinkedHashMap<>();
    sent.forEach((key, change) -> again.put(key, unsent.getOrDefault(key, change)));
    again.putAll(unsent);
    unsent.clear();
    unsent.putAll(again);
    sent.clear();
    Duration wait = backoff(FIRST_RETRY, failures - 1);
    dueAt = Workflow.currentTimeMillis() + wait.toMillis();
    behind = "state repository behind: " + outcome.error() + "; trying again in " + minutes(wait);
    log.warn("{}: {}", submitter, behind);
  }

  /** A failed signal starts the writer; a failed start, or no answer in time, sends again. */
  private void drive() {
    if (inFlight == null) {
      return;
    }
    if (deliveryFailed()) {
      String reason = delivery.getFailure().getMessage();
      delivery = null;
      if (!started) {
        started = true;
        StateRepoClientActivities starter =
            UiSummaries.activities(
                StateRepoClientActivities.class,
                SingletonStart.OPTIONS,
                "start the state-repo writer with " + submitter + "'s batch");
        delivery = Async.procedure(starter::deliver, inFlight);
        return;
      }
      failures++;
      Duration wait = backoff(FIRST_RETRY, failures - 1);
      dueAt = Workflow.currentTimeMillis() + wait.toMillis();
      behind = "state repository behind: cannot reach the writer (" + reason + ")";
      log.warn("{}: {}", submitter, behind);
      return;
    }
    boolean delivering = delivery != null && !delivery.isCompleted();
    if (!delivering && Workflow.currentTimeMillis() >= dueAt) {
      if (delivery != null) {
        behind =
            "state repository behind: batch unanswered for "
                + minutes(backoff(ANSWER_TIMEOUT, sends - 1))
                + "; sent again";
        log.warn("{}: {}", submitter, behind);
      }
      send(inFlight);
    }
  }

  private void send(StateChangeBatch batch) {
    sends = batch == inFlight ? sends + 1 : 1;
    inFlight = batch;
    started = false;
    delivery = Async.procedure(writer::submit, batch);
    dueAt = Workflow.currentTimeMillis() + backoff(ANSWER_TIMEOUT, sends - 1).toMillis();
  }

  /**
   * Unique for this submitter. Not derived from the run id: a replay runs under another run id, so
   * an id derived from it would not match the writer's recorded answer.
   */
  private static String newBatchId() {
    return Workflow.randomUUID().toString();
  }

  private boolean deliveryFailed() {
    return delivery != null && delivery.isCompleted() && delivery.getFailure() != null;
  }

  /** {@code first} doubled {@code doublings} times, at most {@link #MAX_WAIT}. */
  private static Duration backoff(Duration first, int doublings) {
    Duration wait = first;
    for (int i = 0; i < doublings && wait.compareTo(MAX_WAIT) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  private static String minutes(Duration wait) {
    return wait.toMinutes() > 0 ? wait.toMinutes() + " min" : wait.toSeconds() + " s";
  }
}
