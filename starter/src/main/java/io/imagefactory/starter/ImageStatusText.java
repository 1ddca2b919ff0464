package io.imagefactory.starter;

import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One image's status as an operator reads it: one labelled line per fact. */
final class ImageStatusText {

  private static final String INDENT = "  %-15s %s";

  private final List<String> lines = new ArrayList<>();
  private final Instant now;

  private ImageStatusText(Instant now) {
    this.now = now;
  }

  static List<String> of(ImageStatus status, Instant now) {
    ImageStatusText text = new ImageStatusText(now);
    text.write(status.config(), status.runtime(), status.details());
    return text.lines;
  }

  private void write(ImageConfig config, ImageRuntime runtime, String details) {
    lines.add(config.name() + " (" + config.kind().label() + " image)");
    line("details", details);
    if (config.kind() == ImageKind.MANAGED) {
      line(
          "rebuild delay",
          TextFormats.delay(config.rebuildDelay())
              + (config.autoRebuild()
                  ? ", rebuilds automatically"
                  : ", rebuilds wait for approval"));
      if (config.rebuildWindow() != null) {
        line("rebuild window", config.rebuildWindow().describe());
      }
      List<String> bases = new ArrayList<>();
      for (String base : config.baseImages()) {
        bases.add(config.pinnedBaseImages().contains(base) ? base + " (pinned)" : base);
      }
      list("bases", bases, "none");
    }
    list("dependents", config.dependentImages(), "none");
    line("current digest", current(runtime));
    if (config.kind() == ImageKind.MANAGED) {
      writeRebuildState(config, runtime);
    }
  }

  private void writeRebuildState(ImageConfig config, ImageRuntime runtime) {
    List<String> pending = new ArrayList<>();
    for (PendingDigest p : runtime.pending()) {
      Instant matures = p.maturesAt(config.rebuildDelay());
      pending.add(
          p.baseImage()
              + " "
              + p.digest()
              + ", first seen "
              + TextFormats.instant(p.firstSeen())
              + ", matures "
              + TextFormats.instant(matures)
              + " ("
              + TextFormats.relative(matures, now)
              + ")"
              + (p.unverified() == null ? "" : "; unverified signature: " + p.unverified())
              + (p.fastPath() == null
                  ? ""
                  : "; fast path: " + p.fastPath().describe() + " that " + p.replaces() + " has"));
    }
    list("pending", pending, "none");
    List<String> held = new ArrayList<>();
    for (PendingDigest p : runtime.held()) {
      held.add(
          p.baseImage()
              + " "
              + p.digest()
              + ", seen "
              + TextFormats.instant(p.firstSeen())
              + " (held, never built: "
              + p.unverified()
              + ")");
    }
    if (!held.isEmpty()) {
      list("held", held, "");
    }
    if (runtime.eligibleAt() != null) {
      line(
          "eligible at",
          TextFormats.instant(runtime.eligibleAt())
              + " ("
              + TextFormats.relative(runtime.eligibleAt(), now)
              + ")");
    }
    if (runtime.queuedSince() != null) {
      line(
          "queued since",
          TextFormats.instant(runtime.queuedSince())
              + " ("
              + TextFormats.relative(runtime.queuedSince(), now)
              + "), waiting for the rebuild budget");
    }
    line(
        "approval",
        runtime.awaitingApproval()
            ? "awaiting approval; run: image-factory approve " + config.name()
            : "not awaiting approval");
    if (runtime.failedAttempts() > 0) {
      line(
          "failures",
          runtime.failedAttempts()
              + " rebuild(s) in a row failed; "
              + (runtime.retryAt() == null
                  ? "no automatic retry left; run: image-factory rebuild "
                      + config.name()
                      + " --now"
                  : "next attempt "
                      + TextFormats.instant(runtime.retryAt())
                      + " ("
                      + TextFormats.relative(runtime.retryAt(), now)
                      + ")"));
    }
    if (!config.buildErrors().isEmpty()) {
      list("build errors", config.buildErrors(), "");
    }
    list(
        "last rebuild",
        runtime.lastRebuild() == null ? List.of() : RebuildText.lines(runtime.lastRebuild()),
        "none");
    List<String> pinned = new ArrayList<>();
    for (PendingDigest p : runtime.pinnedUpdates()) {
      pinned.add(
          p.baseImage()
              + " "
              + p.digest()
              + ", seen "
              + TextFormats.instant(p.firstSeen())
              + " (pinned: not rebuilt; update the digest in the Dockerfile)");
    }
    if (!pinned.isEmpty()) {
      list("pinned updates", pinned, "");
    }
  }

  private static String current(ImageRuntime runtime) {
    if (runtime.currentDigest() == null) {
      return "none seen yet";
    }
    String tag = runtime.currentTag() == null ? "" : ", tag " + runtime.currentTag();
    String by =
        runtime.lastBuiltBy() == null
            ? ""
            : ImageRuntime.BUILT_OUTSIDE.equals(runtime.lastBuiltBy())
                ? ", built outside Image Factory (no dispatched rebuild explains it)"
                : ", built by " + runtime.lastBuiltBy();
    return runtime.currentDigest()
        + tag
        + ", seen "
        + TextFormats.instant(runtime.lastBuilt())
        + by;
  }

  private void line(String label, String value) {
    lines.add(String.format(INDENT, label, value).stripTrailing());
  }

  private void list(String label, List<String> values, String none) {
    if (values.isEmpty()) {
      line(label, none);
      return;
    }
    line(label, values.get(0));
    values.subList(1, values.size()).forEach(v -> line("", v));
  }
}
