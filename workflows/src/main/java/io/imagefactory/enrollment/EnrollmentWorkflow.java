package io.imagefactory.enrollment;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.staterepo.StateRepoSubmitter;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Brings the state repository and the entity workflows in line with {@code images.yaml} ({@code
 * enrollment}, one run at a time).
 */
@WorkflowInterface
public interface EnrollmentWorkflow extends StateRepoSubmitter {

  /** The static summary an operator reads in the Temporal UI's workflow list. */
  String STATIC_SUMMARY = "enrollment: images.yaml to state files, entity workflows and Argo CD";

  /** The static details: the steps the current-details line walks through. */
  String STATIC_DETAILS =
      "Reads images.yaml and the state files at the state repository's tip, analyses new and"
          + " changed Dockerfiles, commits through the state-repo writer, starts or reconfigures"
          + " one workflow per image and base, retires those that left, then waits for Argo CD"
          + " to sync and marks the new bases watched. One run at a time; further requests queue"
          + " and run as one more pass.";

  @WorkflowMethod
  EnrollmentResult run(EnrollmentRequest request);

  /** Asks for one more pass once the current one ends; requests that arrive meanwhile merge. */
  @SignalMethod
  void requestRun(EnrollmentRequest request);

  @QueryMethod
  EnrollmentProgress progress();
}
