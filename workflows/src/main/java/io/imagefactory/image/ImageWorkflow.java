package io.imagefactory.image;

import io.imagefactory.budget.BudgetHolder;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.StateRepoSubmitter;
import io.imagefactory.vulnerability.ScanSummary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The long-lived entity of one enrolled image ({@code image/<name>}): its bases, current digest,
 * rebuild candidates and history. It owns the rebuild delay timer.
 */
@WorkflowInterface
public interface ImageWorkflow extends StateRepoSubmitter, BudgetHolder {

  @WorkflowMethod
  void run(ImageSetup setup);

  /** New configuration from an enrollment; candidates of removed or pinned bases are dropped. */
  @SignalMethod
  void configure(ImageConfig config);

  /** A base has a new digest. The same digest twice has one effect. */
  @SignalMethod
  void baseUpdated(BaseUpdate update);

  /**
   * A vulnerability scan of one of this external image's digests: kept, recorded in its state file
   * and handed to the managed images built on it, as a base hands on its scans.
   */
  @SignalMethod
  void scanned(ScanSummary summary);

  /**
   * A base handed on a scan of one of its digests. The image keeps the scans of its bases and marks
   * again which candidates take the fast path; reports may come in any order.
   */
  @SignalMethod
  void baseScanned(BaseScan scan);

  /** Kargo saw a new build of this image. Closes the pending rebuild and cascades. */
  @SignalMethod
  void built(ImageBuild build);

  /** The image left {@code images.yaml}: the workflow ends and its timer with it. */
  @SignalMethod
  void unenroll();

  /** Approves a rebuild that waits for approval; it is dispatched at once. */
  @UpdateMethod
  RebuildEntry approve(String approvedBy);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(String approvedBy);

  /** Rebuilds now, whatever the delay, covering every pending digest. */
  @UpdateMethod
  RebuildEntry rebuildNow(String requestedBy);

  @UpdateValidatorMethod(updateName = "rebuildNow")
  void validateRebuildNow(String requestedBy);

  @QueryMethod
  ImageStatus status();
}
