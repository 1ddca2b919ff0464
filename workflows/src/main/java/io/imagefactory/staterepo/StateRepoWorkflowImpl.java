package io.imagefactory.staterepo;

import io.imagefactory.FailureCauses;
import io.imagefactory.UiSummaries;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * Batches arrive by signal and wait in a queue, so a submission holds no thread and no activity
 * slot however many entities submit at once. The main loop gathers them for a short window from the
 * first one's arrival, commits them together through one activity (git work stays inside it), then
 * acknowledges each batch to its submitter by signal through another. Per submitter it remembers
 * the last batch it answered: a redelivery of it is answered again, never applied twice. That
 * memory is bounded ({@link #REMEMBERED}, {@link #REMEMBER_FOR}): a submitter sends one batch at a
 * time and resends it only while unanswered, and every patch is idempotent, so a redelivery the
 * writer has forgotten is applied again to no effect. It continues as new carrying its queue, its
 * memory and the acknowledgements not sent yet, so nothing received is lost.
 */
public class StateRepoWorkflowImpl implements StateRepoWorkflow {

  private static final Logger log = Workflow.getLogger(StateRepoWorkflowImpl.class);
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 5_000;

  /** Batches per commit: bounds the commit activity's input (about 1 KB per image batch). */
  static final int MAX_BATCHES_PER_COMMIT = 500;

  /** Acknowledgements per activity call, for the same reason. */
  static final int MAX_ACKS_PER_CALL = 500;

  /** Continue as new only with a short queue: the queue is the next run's input. */
  private static final int MAX_CARRIED_BATCHES = 100;

  /**
   * Answers remembered at most, the most recent ones: about 80 bytes each in the next run's input,
   * which stays far below Temporal's payload limit however large the fleet.
   */
  static final int REMEMBERED = 2_000;

  /**
   * How long an answer is remembered: well past the submitters' first resend ({@link
   * StateRepoOutbox#ANSWER_TIMEOUT}), which is when a lost answer brings a redelivery.
   */
  static final Duration REMEMBER_FOR = Duration.ofHours(1);

  /**
   * A few quick attempts only: a commit that still fails is answered as failed with the last
   * attempt's cause, so the submitters say why the state repository is behind while they keep their
   * changes and send them again on their own backoff, instead of waiting for an answer through an
   * hour of retries that only the writer can see.
   */
  private static final ActivityOptions COMMIT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setMaximumAttempts(4)
                  .build())
          .build();

  // A lost acknowledgement costs only a redelivery: its submitter sends the batch again.
  private static final ActivityOptions ACKNOWLEDGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(10)
                  .build())
          .build();

  private final List<StateChangeBatch> queue = new ArrayList<>();
  private final Set<String> queuedIds = new HashSet<>();
  private final Map<String, Acknowledgement> answered = new LinkedHashMap<>();
  private final Map<String, Long> answeredAt = new HashMap<>();
  private final List<Acknowledgement> unsent = new ArrayList<>();
  private Promise<Void> acknowledging;
  private long firstQueuedAt;
  private int awaitedQueued;
  private int commits;
  private String lastCommitId;
  private String lastFailure;
  private List<String> stateProblems = List.of();

  /** The carried queue and memory are restored before any signal handler runs. */
  @WorkflowInit
  public StateRepoWorkflowImpl(StateRepoSettings settings) {
    settings.queued().forEach(this::enqueue);
    AnsweredBatches memory = settings.answered();
    for (Acknowledgement ack : memory.acknowledgements()) {
      answered.put(ack.submitter(), ack);
      answeredAt.put(ack.submitter(), memory.answeredAt(ack.submitter()));
    }
    unsent.addAll(settings.unsent());
  }

  @Override
  public void run(StateRepoSettings settings) {
    int continueAsNewAfter =
        settings.continueAsNewAfter() > 0
            ? settings.continueAsNewAfter()
            : DEFAULT_CONTINUE_AS_NEW_AFTER;
    while (true) {
      Workflow.setCurrentDetails(details());
      Workflow.await(
          () -> !queue.isEmpty() || canAcknowledge() || dueForContinueAsNew(continueAsNewAfter));
      if (!queue.isEmpty()) {
        awaitWindow(settings.batchWindow());
        List<StateChangeBatch> batches =
            new ArrayList<>(queue.subList(0, Math.min(queue.size(), MAX_BATCHES_PER_COMMIT)));
        queue.subList(0, batches.size()).clear();
        batches.forEach(this::dequeued);
        Workflow.setCurrentDetails("committing " + batches.size() + " batch(es)");
        commit(batches);
      }
      acknowledge();
      if (dueForContinueAsNew(continueAsNewAfter) && queue.size() <= MAX_CARRIED_BATCHES) {
        continueAsNew(settings);
      }
    }
  }

  /**
   * The window runs from the oldest queued batch's arrival: batches that queued up during the last
   * commit have waited already, a full commit's worth has nothing to wait for, and a batch whose
   * submitter waits for it (an enrollment someone is watching) ends the window at once.
   */
  private void awaitWindow(Duration window) {
    long wait = firstQueuedAt + window.toMillis() - Workflow.currentTimeMillis();
    if (wait > 0 && !windowOver()) {
      UiSummaries.await(
          Duration.ofMillis(wait),
          "batch window: gather more changes for " + window.toMillis() + " ms before committing",
          this::windowOver);
    }
  }

  private boolean windowOver() {
    return queue.size() >= MAX_BATCHES_PER_COMMIT || awaitedQueued > 0;
  }

  private void commit(List<StateChangeBatch> batches) {
    CommitResult result;
    try {
      result =
          UiSummaries.activities(StateRepoActivities.class, COMMIT, commitSummary(batches))
              .commit(new CommitRequest(batches));
    } catch (ActivityFailure failure) {
      // The submitters keep their changes and send them again later; nothing is dropped.
      String reason = "commit failed: " + FailureCauses.of(failure);
      log.error("state repository: {}", reason);
      lastFailure = reason;
      CommitOutcome outcome =
          refused(failure) ? CommitOutcome.rejected(reason) : CommitOutcome.failed(reason);
      batches.forEach(b -> answer(b, outcome));
      return;
    }
    lastCommitId = result.commitId();
    lastFailure = null;
    stateProblems = result.stateProblems();
    if (result.changed()) {
      commits++;
    }
    batches.forEach(b -> answer(b, result.outcomeOf(b.batchId())));
  }

  private static String commitSummary(List<StateChangeBatch> batches) {
    Set<String> submitters = new TreeSet<>();
    batches.forEach(b -> submitters.add(b.submitter()));
    String from =
        submitters.size() == 1 ? submitters.iterator().next() : submitters.size() + " submitters";
    return "commit and push " + batches.size() + " batch(es) from " + from;
  }

  /** A commit the repository refused outright (no such branch): retrying cannot help. */
  private static boolean refused(ActivityFailure failure) {
    return failure.getCause() instanceof ApplicationFailure application
        && application.isNonRetryable();
  }

  private void answer(StateChangeBatch batch, CommitOutcome outcome) {
    Acknowledgement ack = new Acknowledgement(batch.submitter(), batch.batchId(), outcome);
    // Re-inserted, so the map iterates from the least recently answered submitter.
    answered.remove(batch.submitter());
    answered.put(batch.submitter(), ack);
    answeredAt.put(batch.submitter(), Workflow.currentTimeMillis());
    unsent.add(ack);
    forget(Math.max(0, answered.size() - REMEMBERED), Long.MIN_VALUE);
  }

  /**
   * Forgets the {@code count} least recently answered, and every answer older than {@code before}.
   */
  private void forget(int count, long before) {
    var eldest = answered.keySet().iterator();
    int forgotten = 0;
    while (eldest.hasNext()) {
      String submitter = eldest.next();
      if (forgotten >= count && answeredAt.get(submitter) >= before) {
        return;
      }
      eldest.remove();
      answeredAt.remove(submitter);
      forgotten++;
    }
  }

  /** Sends the acknowledgements gathered so far; one call at a time, the next gathers the rest. */
  private void acknowledge() {
    if (!canAcknowledge()) {
      return;
    }
    if (acknowledging != null && acknowledging.getFailure() != null) {
      log.warn(
          "state repository: acknowledgements not sent, their submitters will send again: {}",
          acknowledging.getFailure().getMessage());
    }
    List<Promise<Void>> calls = new ArrayList<>();
    for (int start = 0; start < unsent.size(); start += MAX_ACKS_PER_CALL) {
      List<Acknowledgement> chunk =
          List.copyOf(unsent.subList(start, Math.min(unsent.size(), start + MAX_ACKS_PER_CALL)));
      StateRepoClientActivities submitters =
          UiSummaries.activities(
              StateRepoClientActivities.class,
              ACKNOWLEDGE,
              "answer " + chunk.size() + " submitter(s) with their commit");
      calls.add(Async.procedure(submitters::acknowledge, chunk));
    }
    unsent.clear();
    acknowledging = Promise.allOf(calls);
  }

  private boolean canAcknowledge() {
    return !unsent.isEmpty() && (acknowledging == null || acknowledging.isCompleted());
  }

  private void continueAsNew(StateRepoSettings settings) {
    if (acknowledging != null) {
      try {
        acknowledging.get();
      } catch (ActivityFailure failure) {
        log.warn("state repository: acknowledgements not sent: {}", failure.getMessage());
      }
    }
    forget(0, Workflow.currentTimeMillis() - REMEMBER_FOR.toMillis());
    Workflow.continueAsNew(
        new StateRepoSettings(
            settings.batchWindow(),
            settings.continueAsNewAfter(),
            queue,
            AnsweredBatches.of(answered.values(), answeredAt),
            unsent));
  }

  private boolean dueForContinueAsNew(int limit) {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > limit;
  }

  private String details() {
    return (queue.isEmpty() ? "idle" : queue.size() + " batch(es) queued")
        + "; "
        + commits
        + " commit(s) this run; "
        + answered.size()
        + " submitter(s) answered"
        + (lastCommitId == null ? "" : "; last commit " + UiSummaries.shortCommit(lastCommitId))
        + (lastFailure == null ? "" : "; last " + lastFailure);
  }

  @Override
  public void submit(StateChangeBatch batch) {
    String problem = problemOf(batch);
    if (problem != null) {
      log.warn("state repository refuses a batch: {}", problem);
      if (batch != null && batch.submitter() != null) {
        unsent.add(
            new Acknowledgement(
                batch.submitter(), batch.batchId(), CommitOutcome.rejected(problem)));
      }
      return;
    }
    Acknowledgement last = answered.get(batch.submitter());
    if (last != null && last.batchId().equals(batch.batchId())) {
      unsent.add(last);
      return;
    }
    enqueue(batch);
  }

  private void enqueue(StateChangeBatch batch) {
    if (queuedIds.add(key(batch))) {
      if (queue.isEmpty()) {
        firstQueuedAt = Workflow.currentTimeMillis();
      }
      queue.add(batch);
      if (batch.awaited()) {
        awaitedQueued++;
      }
    }
  }

  private void dequeued(StateChangeBatch batch) {
    queuedIds.remove(key(batch));
    if (batch.awaited()) {
      awaitedQueued--;
    }
  }

  /** Batch ids are unique per submitter. */
  private static String key(StateChangeBatch batch) {
    return batch.submitter() + " " + batch.batchId();
  }

  private static String problemOf(StateChangeBatch batch) {
    if (batch == null || batch.submitter() == null || batch.submitter().isBlank()) {
      return "a state change batch needs a submitter";
    }
    if (batch.batchId() == null || batch.batchId().isBlank()) {
      return "a state change batch needs a batch id";
    }
    if (batch.changes().isEmpty()) {
      return "state change batch " + batch.batchId() + " is empty";
    }
    return null;
  }

  @Override
  public StateRepoStatus status() {
    return new StateRepoStatus(
        queue.size(), commits, lastCommitId, answered.size(), lastFailure, stateProblems);
  }
}
