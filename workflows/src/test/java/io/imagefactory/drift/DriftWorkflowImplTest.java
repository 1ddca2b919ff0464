package io.imagefactory.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DriftWorkflowImplTest {

  private final RecordingActivities recording = new RecordingActivities();
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void start() {
    temporal = new WorkflowTestEnvironment(recording);
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  private void startDrift(Duration interval) {
    WorkflowClient.start(
        temporal.newStub(DriftWorkflow.class, WorkflowIds.DRIFT)::run, new DriftRequest(interval));
  }

  private DriftWorkflow running() {
    return temporal.existing(DriftWorkflow.class, WorkflowIds.DRIFT);
  }

  @Test
  void asksForOneDriftEnrollmentPerInterval() {
    startDrift(Duration.ofHours(1));

    temporal.sleep(Duration.ofMinutes(59));
    assertThat(recording.enrollmentRequests).isEmpty();
    temporal.sleep(Duration.ofMinutes(2));
    assertThat(recording.enrollmentRequests)
        .containsExactly(EnrollmentRequest.drift(DriftWorkflowImpl.REASON));
    temporal.sleep(Duration.ofHours(2));
    assertThat(recording.enrollmentRequests).hasSize(3).allMatch(EnrollmentRequest::reanalyzeMoved);
  }

  @Test
  void theSameIntervalFromARestartedWorkerDoesNotPostponeTheNextCheck() {
    startDrift(Duration.ofHours(1));
    temporal.sleep(Duration.ofMinutes(40));

    running().configure(new DriftRequest(Duration.ofHours(1)));
    temporal.sleep(Duration.ofMinutes(21));

    assertThat(recording.enrollmentRequests).hasSize(1);
  }

  @Test
  void aNewIntervalAppliesAtOnceAndZeroEndsTheWorkflow() {
    startDrift(Duration.ofHours(1));
    temporal.sleep(Duration.ofMinutes(30));

    running().configure(new DriftRequest(Duration.ofMinutes(10)));
    temporal.sleep(Duration.ofMinutes(25));
    assertThat(recording.enrollmentRequests).hasSize(2);

    running().configure(new DriftRequest(Duration.ZERO));
    temporal.client.newUntypedWorkflowStub(WorkflowIds.DRIFT).getResult(Void.class);
    temporal.sleep(Duration.ofHours(3));
    assertThat(recording.enrollmentRequests).hasSize(2);
  }

  @Test
  void continuesAsNewAfterAHundredChecksAndKeepsChecking() {
    startDrift(Duration.ofMinutes(1));

    temporal.sleep(Duration.ofMinutes(DriftWorkflowImpl.CHECKS_PER_RUN + 5));

    assertThat(recording.enrollmentRequests.size())
        .isGreaterThanOrEqualTo(DriftWorkflowImpl.CHECKS_PER_RUN + 4);
    var description =
        temporal
            .client
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.DRIFT))
                    .build());
    assertThat(description.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(description.getWorkflowExecutionInfo().getFirstRunId())
        .isNotEqualTo(description.getWorkflowExecutionInfo().getExecution().getRunId());
  }
}
