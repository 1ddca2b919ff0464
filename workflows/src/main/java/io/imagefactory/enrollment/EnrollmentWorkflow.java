package io.imagefactory.enrollment;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.staterepo.StateRepoSubmitter;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Brings the state repository and the entity workflows in line with {@code images.yaml}
 * ({@code enrollment}, one run at a time).
 */
@WorkflowInterface
public interface EnrollmentWorkflow extends StateRepoSubmitter {

  @WorkflowMethod
  EnrollmentResult run(EnrollmentRequest request);

  /** Asks for one more pass once the current one ends; requests that arrive meanwhile merge. */
  @SignalMethod
  void requestRun(EnrollmentRequest request);

  @QueryMethod
  EnrollmentProgress progress();
}
