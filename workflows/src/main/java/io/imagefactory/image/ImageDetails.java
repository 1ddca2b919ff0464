package io.imagefactory.image;

import io.imagefactory.HumanText;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/** The one-line current-details text an operator reads in the Temporal UI. */
final class ImageDetails {

  private ImageDetails() {}

  static String of(ImageConfig config, ImageRuntime runtime, Instant now) {
    if (config.kind() == ImageKind.EXTERNAL) {
      return "external image; current digest " + HumanText.shortDigest(runtime.currentDigest());
    }
    if (runtime.awaitingApproval()) {
      return "rebuild awaiting approval since "
          + runtime.eligibleAt()
          + " ("
          + runtime.pending().size()
          + " new base digest(s)); run: image-factory approve "
          + config.name();
    }
    PendingDigest first =
        runtime.pending().stream()
            .min(Comparator.comparing(PendingDigest::firstSeen))
            .orElse(null);
    if (first != null) {
      Duration left = Duration.between(now, first.maturesAt(config.rebuildDelay()));
      return "waiting "
          + HumanText.duration(left)
          + " for "
          + first.baseImage()
          + " "
          + HumanText.shortDigest(first.digest())
          + " to mature";
    }
    String bases = "watching " + config.baseImages().size() + " base image(s)";
    RebuildEntry last = runtime.lastRebuild();
    return last == null
        ? bases
        : bases + "; last rebuild " + last.requestedAt() + " (" + last.outcome() + ")";
  }
}
