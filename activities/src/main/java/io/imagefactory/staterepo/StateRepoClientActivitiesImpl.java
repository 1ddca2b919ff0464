package io.imagefactory.staterepo;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;

/**
 * Hands a batch to the single writer, {@code state-repo}: starts the writer unless it runs (a start
 * with the {@code USE_EXISTING} conflict policy is a no-op then), and waits for its {@code submit}
 * update to answer. The update is sent by workflow id only, so it reaches the writer's current run
 * even after it continued as new.
 */
public final class StateRepoClientActivitiesImpl implements StateRepoClientActivities {

  /** The failure type of a batch the writer refuses to accept; retrying cannot help. */
  public static final String BATCH_REFUSED = "StateBatchRefused";

  private final WorkflowClient client;

  public StateRepoClientActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public CommitOutcome submit(StateChangeBatch batch) {
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
    try {
      return client.newWorkflowStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO).submit(batch);
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure refused) {
        throw ApplicationFailure.newNonRetryableFailure(
            "state-repo refused batch " + batch.batchId() + ": " + refused.getOriginalMessage(),
            BATCH_REFUSED);
      }
      throw e;
    }
  }
}
