package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.staterepo.Acknowledgement;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EnrollmentRequesterTest {

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private EnrollmentRequester requester;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(ReasonRecordingEnrollment.class);
    env.start();
    client = env.getWorkflowClient();
    requester = new EnrollmentRequester(client);
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void startsAnEnrollmentWhenNoneRuns() {
    assertThat(requester.request(EnrollmentRequest.of("git push")))
        .isEqualTo(EnrollmentRequester.Outcome.STARTED);

    assertThat(enrollment().progress().phase()).isEqualTo("running for git push");
  }

  @Test
  void queuesOneMorePassOfARunningEnrollment() {
    requester.request(EnrollmentRequest.of("cli"));

    assertThat(requester.request(EnrollmentRequest.of("git push")))
        .isEqualTo(EnrollmentRequester.Outcome.QUEUED);

    EnrollmentResult result =
        WorkflowStub.fromTyped(enrollment()).getResult(EnrollmentResult.class);
    assertThat(result.deployment()).isEqualTo("cli, then git push");
  }

  @Test
  void startsAFreshRunOnceTheLastOneEnded() {
    requester.request(EnrollmentRequest.of("cli"));
    requester.request(EnrollmentRequest.of("git push"));
    WorkflowStub.fromTyped(enrollment()).getResult(EnrollmentResult.class);

    assertThat(requester.request(EnrollmentRequest.of("image api rebuilt")))
        .isEqualTo(EnrollmentRequester.Outcome.STARTED);
    assertThat(enrollment().progress().phase()).isEqualTo("running for image api rebuilt");
  }

  private EnrollmentWorkflow enrollment() {
    return client.newWorkflowStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT);
  }

  /**
   * Stands in for the enrollment: it runs until one more pass is requested, and reports the reasons
   * it saw, so the test sees whether a request started a run or was queued on one.
   */
  public static class ReasonRecordingEnrollment implements EnrollmentWorkflow {

    private final List<String> reasons = new ArrayList<>();

    @Override
    public EnrollmentResult run(EnrollmentRequest request) {
      reasons.add(request.reason());
      Workflow.await(() -> reasons.size() > 1);
      return new EnrollmentResult("", false, List.of(), List.of(), String.join(", then ", reasons));
    }

    @Override
    public void requestRun(EnrollmentRequest request) {
      reasons.add(request.reason());
    }

    @Override
    public EnrollmentProgress progress() {
      return new EnrollmentProgress("running for " + reasons.get(0), 0, List.of());
    }

    /** It submits nothing to the state repository, so no answer comes. */
    @Override
    public void acknowledged(Acknowledgement acknowledgement) {}
  }
}
