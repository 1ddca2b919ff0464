package io.imagefactory.image;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/** The one-line current-details text an operator reads in the Temporal UI. */
final class ImageDetails {

  private ImageDetails() {}

  static String of(ImageConfig config, ImageRuntime runtime, Instant now) {
    if (config.kind() == ImageKind.EXTERNAL) {
      return "external image; current digest " + shortDigest(runtime.currentDigest());
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
          + human(left)
          + " for "
          + first.baseImage()
          + " "
          + shortDigest(first.digest())
          + " to mature";
    }
    String bases = "watching " + config.baseImages().size() + " base image(s)";
    RebuildEntry last = runtime.lastRebuild();
    return last == null
        ? bases
        : bases + "; last rebuild " + last.requestedAt() + " (" + last.outcome() + ")";
  }

  /** {@code 6d 23h}, {@code 4h 5m}, {@code 12m}, {@code 30s}; negative durations read as 0s. */
  static String human(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    return minutes > 0 ? minutes + "m" : seconds + "s";
  }

  /** {@code sha256:ab12cd34…}: enough to recognise, short enough for one line. */
  static String shortDigest(String digest) {
    if (digest == null) {
      return "unknown";
    }
    int keep = Math.min(digest.length(), "sha256:".length() + 8);
    return digest.length() > keep ? digest.substring(0, keep) + "…" : digest;
  }
}
