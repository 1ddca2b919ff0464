package io.imagefactory.worker;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The result of the latest enrollment run, read from its history once it has ended. Not with {@code
 * getResult}: on a time-skipping test server that call lets the server skip time, and with the
 * fleet idle (no timer anywhere) it skips to the test server's ten-year run timeouts, which end
 * every entity workflow.
 */
public final class FinishedEnrollment {

  private FinishedEnrollment() {}

  public static EnrollmentResult of(WorkflowClient client) throws InterruptedException {
    WorkflowStub enrollment = client.newUntypedWorkflowStub(WorkflowIds.ENROLLMENT);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (running(enrollment) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    HistoryEvent last = client.fetchHistory(WorkflowIds.ENROLLMENT).getLastEvent();
    if (last.getEventType() != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) {
      throw new AssertionError("the enrollment did not complete: " + last.getEventType());
    }
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(last.getWorkflowExecutionCompletedEventAttributes().getResult()),
            EnrollmentResult.class,
            EnrollmentResult.class);
  }

  private static boolean running(WorkflowStub enrollment) {
    return enrollment.describe().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }
}
