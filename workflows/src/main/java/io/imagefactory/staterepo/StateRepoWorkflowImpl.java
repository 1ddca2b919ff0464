package io.imagefactory.staterepo;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Gathers batches for a short window, then commits them together through one activity: git work
 * stays inside that activity, and the window turns a burst of updates from many entities into
 * one commit. Before continuing as new it drains its queue and waits for every update handler,
 * so no caller is left without an answer.
 */
public class StateRepoWorkflowImpl implements StateRepoWorkflow {

  private static final Logger log = Workflow.getLogger(StateRepoWorkflowImpl.class);
  private static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 5_000;
  private static final int REMEMBERED_OUTCOMES = 500;

  private final StateRepoActivities repo =
      Workflow.newActivityStub(
          StateRepoActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(2))
                      .setMaximumInterval(Duration.ofMinutes(2))
                      .setMaximumAttempts(50)
                      .build())
              .build());

  private final List<StateChangeBatch> queue = new ArrayList<>();
  private final Map<String, CommitOutcome> outcomes = new LinkedHashMap<>();
  private int commits;
  private String lastCommitId;

  /** Remembered outcomes are restored before any update handler runs. */
  @WorkflowInit
  public StateRepoWorkflowImpl(StateRepoSettings settings) {
    outcomes.putAll(settings.recentOutcomes());
  }

  @Override
  public void run(StateRepoSettings settings) {
    int continueAsNewAfter =
        settings.continueAsNewAfter() > 0
            ? settings.continueAsNewAfter()
            : DEFAULT_CONTINUE_AS_NEW_AFTER;
    while (true) {
      Workflow.setCurrentDetails("idle; " + commits + " commit(s) this run");
      Workflow.await(() -> !queue.isEmpty() || dueForContinueAsNew(continueAsNewAfter));
      if (queue.isEmpty()) {
        // A batch arriving while handlers finish is committed first; continue as new only when idle.
        Workflow.await(() -> !queue.isEmpty() || Workflow.isEveryHandlerFinished());
        if (queue.isEmpty()) {
          Workflow.continueAsNew(
              new StateRepoSettings(settings.batchWindow(), settings.continueAsNewAfter(), outcomes));
        }
      }
      Workflow.sleep(settings.batchWindow());
      List<StateChangeBatch> batches = new ArrayList<>(queue);
      queue.clear();
      Workflow.setCurrentDetails("committing " + batches.size() + " batch(es)");
      commit(batches);
    }
  }

  private void commit(List<StateChangeBatch> batches) {
    try {
      CommitResult result = repo.commit(new CommitRequest(batches));
      lastCommitId = result.commitId();
      if (result.changed()) {
        commits++;
      }
      for (StateChangeBatch batch : batches) {
        remember(batch.batchId(), result.outcomeOf(batch.batchId()));
      }
    } catch (ActivityFailure failure) {
      String reason = "commit failed: " + failure.getCause().getMessage();
      log.error("state repository: {}", reason);
      for (StateChangeBatch batch : batches) {
        remember(batch.batchId(), CommitOutcome.rejected(reason));
      }
    }
  }

  private void remember(String batchId, CommitOutcome outcome) {
    outcomes.put(batchId, outcome);
    while (outcomes.size() > REMEMBERED_OUTCOMES) {
      outcomes.remove(outcomes.keySet().iterator().next());
    }
  }

  private boolean dueForContinueAsNew(int limit) {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > limit;
  }

  @Override
  public CommitOutcome submit(StateChangeBatch batch) {
    String id = batch.batchId();
    boolean queued = queue.stream().anyMatch(b -> b.batchId().equals(id));
    if (!outcomes.containsKey(id) && !queued) {
      queue.add(batch);
    }
    Workflow.await(() -> outcomes.containsKey(id));
    return outcomes.get(id);
  }

  @Override
  public void validateSubmit(StateChangeBatch batch) {
    if (batch == null || batch.batchId() == null || batch.batchId().isBlank()) {
      throw new IllegalArgumentException("a state change batch needs a batch id");
    }
    if (batch.changes().isEmpty()) {
      throw new IllegalArgumentException("state change batch " + batch.batchId() + " is empty");
    }
  }

  @Override
  public StateRepoStatus status() {
    return new StateRepoStatus(queue.size(), commits, lastCommitId);
  }
}
