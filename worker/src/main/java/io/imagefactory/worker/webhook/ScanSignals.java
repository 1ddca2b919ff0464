package io.imagefactory.worker.webhook;

import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import io.imagefactory.worker.webhook.ImageEventSignals.Delivery;
import io.imagefactory.worker.webhook.ImageEventSignals.Signal;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a scan summary to the entities that own its digest: {@code scanned} to a base image's
 * workflow or an external image's. The signal is idempotent in both, so a report posted twice has
 * one effect.
 */
final class ScanSignals {

  static final String SCANNED = "scanned";

  private final WorkflowClient client;

  ScanSignals(WorkflowClient client) {
    this.client = client;
  }

  /** Signals every owner; one whose workflow is not running is reported, not fatal. */
  Delivery deliver(ScanSummary summary, List<Entry> owners) {
    List<Signal> sent = new ArrayList<>();
    List<String> notRunning = new ArrayList<>();
    for (Entry owner : owners) {
      String id = owner.workflowId();
      try {
        if (owner.kind() == Kind.BASE) {
          client.newWorkflowStub(BaseImageWorkflow.class, id).scanned(summary);
        } else {
          client.newWorkflowStub(ImageWorkflow.class, id).scanned(summary);
        }
        sent.add(new Signal(id, SCANNED));
      } catch (WorkflowNotFoundException e) {
        notRunning.add(id);
      }
    }
    return new Delivery(sent, notRunning);
  }
}
