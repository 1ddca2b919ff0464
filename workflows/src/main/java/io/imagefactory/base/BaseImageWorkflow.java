package io.imagefactory.base;

import io.imagefactory.staterepo.StateRepoSubmitter;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The long-lived entity of one base image ({@code base/<name>}): its current digest and its
 * dependents. It turns a new digest into one rebuild candidate per dependent.
 */
@WorkflowInterface
public interface BaseImageWorkflow extends StateRepoSubmitter {

  @WorkflowMethod
  void run(BaseSetup setup);

  /** New dependents (and watch target) from an enrollment; the digests it knows are kept. */
  @SignalMethod
  void configure(BaseSetup setup);

  /**
   * Kargo reported a digest. The first digest ever seen is the baseline; a later new one fans out
   * to every dependent, and of a burst only the newest by reception time does. A digest seen
   * before, or one received before the current one, has no effect.
   */
  @SignalMethod
  void digestSeen(DigestSeen event);

  /**
   * Several reports at once, as the webhook sends them under a flood: the same as one {@link
   * #digestSeen} each, in one signal, so a flood adds few events to the history.
   */
  @SignalMethod
  void digestsSeen(List<DigestSeen> events);

  /**
   * A vulnerability scan of one of its digests. It is kept (the newest scan per digest, the most
   * recently scanned digests), recorded in the state file and handed to every dependent. The same
   * scan twice, or one older than the scan kept for its digest, has no effect.
   */
  @SignalMethod
  void scanned(ScanSummary summary);

  /** The base has no dependents left: the workflow ends. */
  @SignalMethod
  void retire();

  @QueryMethod
  BaseStatus status();
}
