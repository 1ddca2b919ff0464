package io.imagefactory.image;

import io.imagefactory.HumanText;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/** The one-line current-details text an operator reads in the Temporal UI. */
final class ImageDetails {

  private ImageDetails() {}

  static String of(ImageConfig config, ImageRuntime runtime, Instant now) {
    return of(config, runtime, now, null);
  }

  /**
   * @param held why a matured rebuild is not dispatched yet (its window, the rebuild budget's
   *     queue); null when nothing holds it
   */
  static String of(ImageConfig config, ImageRuntime runtime, Instant now, String held) {
    if (config.kind() == ImageKind.EXTERNAL) {
      return "external image; current digest " + HumanText.shortDigest(runtime.currentDigest());
    }
    String fastPath = FastPathRebuilds.describe(runtime.pending());
    if (fastPath != null) {
      return managedOrHeld(config, runtime, now, held) + "; " + fastPath;
    }
    return managedOrHeld(config, runtime, now, held);
  }

  private static String managedOrHeld(
      ImageConfig config, ImageRuntime runtime, Instant now, String held) {
    if (runtime.held().isEmpty()) {
      return managed(config, runtime, now, held);
    }
    String signatures = "held for its signature: " + RebuildDetails.reasons(runtime.held());
    if (ImageRuntimes.heldDigestWouldBeBuilt(runtime, config) && !runtime.pending().isEmpty()) {
      RebuildEntry last = runtime.lastRebuild();
      return "rebuild held: the build pulls the base tags as they stand, and "
          + signatures
          + "; "
          + runtime.pending().size()
          + " candidate(s) wait for a verified digest"
          + (last == null ? "" : "; " + RebuildDetails.progress(last));
    }
    return managed(config, runtime, now, held) + "; " + signatures;
  }

  private static String managed(
      ImageConfig config, ImageRuntime runtime, Instant now, String held) {
    RebuildEntry last = runtime.lastRebuild();
    String rebuild = last == null ? null : RebuildDetails.progress(last);
    String waiting = waiting(config, runtime, now, held);
    if (waiting == null) {
      String bases = "watching " + config.baseImages().size() + " base image(s)";
      return rebuild == null ? bases : bases + "; " + rebuild;
    }
    return rebuild == null ? waiting : waiting + "; " + rebuild;
  }

  private static String waiting(
      ImageConfig config, ImageRuntime runtime, Instant now, String held) {
    if (runtime.pending().isEmpty()) {
      return null;
    }
    if (!config.buildErrors().isEmpty()) {
      return "rebuild blocked: " + config.buildErrors().get(0);
    }
    if (runtime.awaitingApproval()) {
      return "rebuild awaiting approval since "
          + runtime.eligibleAt()
          + " ("
          + runtime.pending().size()
          + " new base digest(s)); run: image-factory approve "
          + config.name();
    }
    if (ImageRuntimes.heldAfterFailures(runtime)) {
      return "rebuild failed "
          + runtime.failedAttempts()
          + " times in a row; run: image-factory rebuild "
          + config.name()
          + " --now";
    }
    if (runtime.rebuildInFlight()) {
      return runtime.pending().size() + " newer base digest(s) wait for the rebuild in flight";
    }
    if (held != null) {
      return held;
    }
    Instant due = ImageRuntimes.nextAttempt(runtime, config.rebuildDelay()).orElse(now);
    if (runtime.failedAttempts() > 0) {
      return "retrying the failed rebuild in " + HumanText.duration(Duration.between(now, due));
    }
    PendingDigest first =
        runtime.pending().stream()
            .min(Comparator.comparing(PendingDigest::firstSeen))
            .orElseThrow();
    return "waiting "
        + HumanText.duration(Duration.between(now, due))
        + " for "
        + first.baseImage()
        + " "
        + HumanText.shortDigest(first.digest())
        + " to mature";
  }
}
