package io.imagefactory.base;

import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.vulnerability.ScanSummary;
import java.util.List;

/**
 * What the base workflow's signal handlers hand to its main loop. A handler only adds one to the
 * inbox; the loop takes them in arrival order. A new signal is a new record here and one more case
 * in {@code BaseImageWorkflowImpl.take}.
 */
sealed interface BaseCommand {

  /** Kargo saw digests of the base: judged together with every other waiting one. */
  record DigestsSeen(List<DigestSeen> events) implements BaseCommand {}

  /** New configuration from an enrollment: what Kargo watches, the dependents, the rule. */
  record Configure(BaseSetup setup) implements BaseCommand {}

  /** The state-repo writer answered a batch. */
  record Acknowledged(Acknowledgement acknowledgement) implements BaseCommand {}

  /** A vulnerability scan of one of its digests. */
  record Scanned(ScanSummary summary) implements BaseCommand {}

  /** The base has no dependents left. */
  record Retire() implements BaseCommand {}
}
