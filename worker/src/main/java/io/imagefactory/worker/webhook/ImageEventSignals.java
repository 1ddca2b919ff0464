package io.imagefactory.worker.webhook;

import io.imagefactory.base.DigestReports;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Kind;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands an image event to the entity workflows it concerns: {@code digestSeen} to a base image,
 * {@code built} to a managed or external image. Both signals are idempotent in the workflows, so a
 * redelivered event has no further effect.
 */
final class ImageEventSignals {

  static final String DIGEST_SEEN = "digestSeen";
  static final String BUILT = "built";

  private final WorkflowClient client;
  private final DigestReports baseReports;

  ImageEventSignals(WorkflowClient client) {
    this.client = client;
    this.baseReports = new DigestReports(client);
  }

  /** Signals every entry; one whose workflow is not running is reported, not fatal. */
  Delivery deliver(ImageEvent event, List<Entry> entries, Instant seenAt) {
    List<Signal> sent = new ArrayList<>();
    List<String> notRunning = new ArrayList<>();
    for (Entry entry : entries) {
      try {
        sent.add(signal(event, entry, seenAt));
      } catch (WorkflowNotFoundException e) {
        notRunning.add(entry.workflowId());
      }
    }
    return new Delivery(sent, notRunning);
  }

  private Signal signal(ImageEvent event, Entry entry, Instant seenAt) {
    String id = entry.workflowId();
    if (entry.kind() == Kind.BASE) {
      try {
        baseReports.send(id, new DigestSeen(event.digest(), event.tag(), event.freight(), seenAt));
      } catch (InterruptedException e) {
        // The request's deadline passed while it waited its turn: answered as Temporal being slow.
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting to signal " + id, e);
      }
      return new Signal(id, DIGEST_SEEN);
    }
    client
        .newWorkflowStub(ImageWorkflow.class, id)
        .built(new ImageBuild(event.digest(), event.tag(), seenAt));
    return new Signal(id, BUILT);
  }

  /** A signal sent: which workflow, which signal. */
  record Signal(String workflowId, String signal) {}

  /**
   * What became of an event.
   *
   * @param notRunning workflows the state repository names but Temporal does not run (yet)
   */
  record Delivery(List<Signal> sent, List<String> notRunning) {}
}
