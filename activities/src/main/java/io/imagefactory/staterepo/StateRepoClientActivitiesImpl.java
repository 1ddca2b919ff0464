package io.imagefactory.staterepo;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/**
 * Hands a batch to the single writer, {@code state-repo}: starts the writer unless it runs (a start
 * with the {@code USE_EXISTING} conflict policy is a no-op then), and sends its {@code submit}
 * update by workflow id only, so it reaches the writer's current run even after it continued as
 * new. The activity completes asynchronously when the update answers: hundreds of entities
 * waiting for one commit must not hold every activity slot, or the writer's own commit activity
 * could never run.
 */
public final class StateRepoClientActivitiesImpl implements StateRepoClientActivities {

  /** The failure type of a batch the writer refuses to accept; retrying cannot help. */
  public static final String BATCH_REFUSED = "StateBatchRefused";

  private final WorkflowClient client;
  private final ActivityCompletionClient completions;

  public StateRepoClientActivitiesImpl(WorkflowClient client) {
    this.client = client;
    this.completions = client.newActivityCompletionClient();
  }

  @Override
  public CommitOutcome submit(StateChangeBatch batch) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    byte[] taskToken = context.getTaskToken();
    CompletableFuture<CommitOutcome> outcome = submitAsync(batch);
    context.doNotCompleteOnReturn();
    outcome.whenComplete(
        (result, error) -> {
          if (error == null) {
            completions.complete(taskToken, result);
          } else {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            completions.completeExceptionally(
                taskToken, cause instanceof Exception e ? e : new RuntimeException(cause));
          }
        });
    return null;
  }

  /**
   * Submits a batch; the future completes with the writer's answer. A batch the writer refuses
   * fails the future with a non-retryable {@code ApplicationFailure} of type {@value
   * #BATCH_REFUSED}.
   */
  public CompletableFuture<CommitOutcome> submitAsync(StateChangeBatch batch) {
    StateRepoWorkflow starter =
        client.newWorkflowStub(
            StateRepoWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.STATE_REPO)
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    WorkflowClient.start(starter::run, StateRepoSettings.defaults());
    CompletableFuture<CommitOutcome> answer;
    try {
      answer =
          client
              .newUntypedWorkflowStub(WorkflowIds.STATE_REPO)
              .startUpdate("submit", WorkflowUpdateStage.ACCEPTED, CommitOutcome.class, batch)
              .getResultAsync();
    } catch (WorkflowUpdateException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.exceptionallyCompose(
        error -> {
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          return CompletableFuture.failedFuture(
              cause instanceof WorkflowUpdateException refused ? refusal(batch, refused) : cause);
        });
  }

  /** An update exception is the writer's refusal of the batch: retrying cannot help. */
  private static ApplicationFailure refusal(StateChangeBatch batch, WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    String reason =
        cause instanceof ApplicationFailure refused
            ? refused.getOriginalMessage()
            : String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
    return ApplicationFailure.newNonRetryableFailure(
        "state-repo refused batch " + batch.batchId() + ": " + reason, BATCH_REFUSED);
  }
}
