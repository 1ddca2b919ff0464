package io.imagefactory.drift;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Asks for a drift check every interval ({@code drift}): an enrollment that re-analyses the managed
 * images whose source branch moved past the commit their state file records.
 */
@WorkflowInterface
public interface DriftWorkflow {

  /** The static summary an operator reads in the Temporal UI's workflow list. */
  String STATIC_SUMMARY = "drift check: re-analyse images whose Dockerfile moved without a build";

  /** The static details. */
  String STATIC_DETAILS =
      "Every interval, asks for an enrollment that fetches each source repository and re-analyses"
          + " only the images whose source commit moved.";

  @WorkflowMethod
  void run(DriftRequest request);

  /**
   * A new interval from a (re)started worker; the same interval changes nothing, so restarts do not
   * postpone the next check, and zero ends the workflow.
   */
  @SignalMethod
  void configure(DriftRequest request);
}
