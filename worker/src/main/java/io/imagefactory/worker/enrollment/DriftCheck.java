package io.imagefactory.worker.enrollment;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.drift.DriftRequest;
import io.imagefactory.drift.DriftWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;

/**
 * Hands the drift workflow ({@code drift}) this worker's interval: starts it when it is not
 * running, tells the running one otherwise (the same interval changes nothing there), and ends it
 * when the interval is zero. Every replica does this at start; the outcome is the same.
 */
final class DriftCheck {

  private final WorkflowClient client;
  private final Duration interval;

  DriftCheck(WorkflowClient client, Duration interval) {
    this.client = client;
    this.interval = interval;
  }

  /** Whether drift checks are switched on. */
  boolean on() {
    return !interval.isZero();
  }

  /** Starts or reconfigures the drift workflow; idempotent. */
  void apply() {
    DriftRequest request = new DriftRequest(interval);
    if (!on()) {
      try {
        client.newWorkflowStub(DriftWorkflow.class, WorkflowIds.DRIFT).configure(request);
      } catch (WorkflowNotFoundException notRunning) {
        // Off, and nothing to switch off.
      }
      return;
    }
    DriftWorkflow stub =
        client.newWorkflowStub(
            DriftWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.DRIFT)
                .setTaskQueue(TaskQueues.MAIN)
                .setStaticSummary(DriftWorkflow.STATIC_SUMMARY)
                .setStaticDetails(DriftWorkflow.STATIC_DETAILS)
                .build());
    BatchRequest batch = client.newSignalWithStartRequest();
    batch.add(stub::run, request);
    batch.add(stub::configure, request);
    client.signalWithStart(batch);
  }

  @Override
  public String toString() {
    return on() ? "drift checks every " + interval : "drift checks off";
  }
}
