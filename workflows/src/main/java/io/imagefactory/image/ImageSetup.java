package io.imagefactory.image;

import io.imagefactory.budget.BudgetHold;
import io.imagefactory.statefiles.ImageRuntime;

/**
 * Starts (or continues as new) an image workflow: its configuration and what it knew.
 *
 * @param continueAsNewAfter history length after which the workflow continues as new; 0 for the
 *     default
 * @param unrecorded true when the previous run's last record of the runtime was not acknowledged,
 *     so the new run records it again
 * @param cascade a new build the previous run had not cascaded to its dependents yet; null when
 *     none
 * @param budget the rebuild-budget ticket the previous run held (queued or granted); null when none
 * @param heldBuild the image's new build the previous run held for its signature, with its
 *     re-checks; null when none
 * @param scans the vulnerability scans it knows, of its bases' digests and (an external image) its
 *     own; null when none
 */
public record ImageSetup(
    ImageConfig config,
    ImageRuntime runtime,
    int continueAsNewAfter,
    boolean unrecorded,
    ImageBuild cascade,
    BudgetHold budget,
    HeldDigest heldBuild,
    ImageScans scans) {

  public ImageSetup(
      ImageConfig config,
      ImageRuntime runtime,
      int continueAsNewAfter,
      boolean unrecorded,
      ImageBuild cascade,
      BudgetHold budget) {
    this(config, runtime, continueAsNewAfter, unrecorded, cascade, budget, null, null);
  }

  public ImageSetup(
      ImageConfig config,
      ImageRuntime runtime,
      int continueAsNewAfter,
      boolean unrecorded,
      ImageBuild cascade) {
    this(config, runtime, continueAsNewAfter, unrecorded, cascade, null, null, null);
  }

  public ImageSetup(ImageConfig config, ImageRuntime runtime, int continueAsNewAfter) {
    this(config, runtime, continueAsNewAfter, false, null, null, null, null);
  }

  public ImageSetup(ImageConfig config, ImageRuntime runtime) {
    this(config, runtime, 0);
  }
}
