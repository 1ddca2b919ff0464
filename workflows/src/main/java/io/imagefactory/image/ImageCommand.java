package io.imagefactory.image;

import io.imagefactory.budget.BudgetGrant;
import io.imagefactory.budget.BudgetNotice;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.workflow.CompletablePromise;

/**
 * What the image workflow's signal and update handlers hand to its main loop. A handler only adds
 * one to the inbox; the loop takes them in arrival order and decides. A new signal is a new record
 * here and one more case in {@code ImageWorkflowImpl.take}.
 */
sealed interface ImageCommand {

  /** New configuration from an enrollment. */
  record Configure(ImageConfig config) implements ImageCommand {}

  /** A base has a new digest: a candidate, or a pinned base's update. */
  record BaseUpdated(BaseUpdate update) implements ImageCommand {}

  /** Kargo saw a new build of the image. */
  record Built(ImageBuild build) implements ImageCommand {}

  /** A vulnerability scan of one of this (external) image's own digests. */
  record Scanned(ScanSummary summary) implements ImageCommand {}

  /** A base handed on a scan of one of its digests. */
  record BaseScanned(BaseScan scan) implements ImageCommand {}

  /** The image left {@code images.yaml}. */
  record Unenroll() implements ImageCommand {}

  /** The state-repo writer answered a batch. */
  record Acknowledged(Acknowledgement acknowledgement) implements ImageCommand {}

  /** The rebuild budget granted the image's ticket a slot. */
  record BudgetGranted(BudgetGrant grant) implements ImageCommand {}

  /** The rebuild budget says where the image's ticket waits. */
  record BudgetQueued(BudgetNotice notice) implements ImageCommand {}

  /**
   * A rebuild a person asks for; the update that made it returns {@link #answer()}, completed by
   * the loop with the rebuild once the CI has answered its dispatch (or has been waited for long
   * enough).
   */
  sealed interface PersonRequest extends ImageCommand {
    String by();

    CompletablePromise<RebuildEntry> answer();
  }

  /** {@code approve}: the rebuild that waits for approval is dispatched. */
  record Approve(String by, CompletablePromise<RebuildEntry> answer) implements PersonRequest {}

  /** {@code rebuild --now}: every pending digest is rebuilt, whatever the delay. */
  record RebuildNow(String by, CompletablePromise<RebuildEntry> answer) implements PersonRequest {}
}
