package io.imagefactory.enrollment;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;

/**
 * Starts an enrollment ({@code enrollment}), or, when one is running, queues one more pass of it
 * through its {@code requestRun} signal. Starting first keeps a fresh run from also receiving its
 * own request as a queued pass, which signal-with-start would do.
 */
public final class EnrollmentRequester {

  /** What became of a request. */
  public enum Outcome {
    /** A new enrollment run was started with the request. */
    STARTED,
    /** An enrollment was running; it runs one more pass for the request when it ends. */
    QUEUED
  }

  // A run can end between a refused start and the signal; a few attempts settle that race.
  private static final int ATTEMPTS = 3;

  static final String WORKFLOW_TYPE =
      POJOWorkflowInterfaceMetadata.newInstance(EnrollmentWorkflow.class)
          .getWorkflowType()
          .orElseThrow();

  private final WorkflowClient client;

  public EnrollmentRequester(WorkflowClient client) {
    this.client = client;
  }

  /** Starts or queues an enrollment for {@code request}. Safe to repeat: requests merge. */
  public Outcome request(EnrollmentRequest request) {
    for (int attempt = 1; ; attempt++) {
      try {
        client.newUntypedWorkflowStub(WORKFLOW_TYPE, options()).start(request);
        return Outcome.STARTED;
      } catch (WorkflowExecutionAlreadyStarted running) {
        try {
          client
              .newWorkflowStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
              .requestRun(request);
          return Outcome.QUEUED;
        } catch (WorkflowNotFoundException ended) {
          if (attempt >= ATTEMPTS) {
            throw ended;
          }
        }
      }
    }
  }

  private static WorkflowOptions options() {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(WorkflowIds.ENROLLMENT)
        .setTaskQueue(TaskQueues.MAIN)
        .setStaticSummary(EnrollmentWorkflow.STATIC_SUMMARY)
        .setStaticDetails(EnrollmentWorkflow.STATIC_DETAILS)
        .build();
  }
}
