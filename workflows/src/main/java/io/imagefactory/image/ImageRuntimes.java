package io.imagefactory.image;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The transitions of an image's runtime state: pure functions, so the workflow stays a recipe. */
final class ImageRuntimes {

  private ImageRuntimes() {}

  /** A new base digest becomes a candidate, unless it is pending or a rebuild already covered it. */
  static ImageRuntime candidate(ImageRuntime runtime, BaseUpdate update, Duration delay) {
    PendingDigest candidate =
        new PendingDigest(update.baseImage(), update.digest(), update.seenAt());
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && last.covered() != null && covers(last.covered(), candidate)) {
      return runtime;
    }
    List<PendingDigest> pending = RebuildPolicy.add(runtime.pending(), candidate);
    return withPending(runtime, pending, delay);
  }

  /** A newer digest of a pinned base is remembered, newest per base, and never rebuilt. */
  static ImageRuntime pinnedUpdate(ImageRuntime runtime, BaseUpdate update) {
    List<PendingDigest> updates = new ArrayList<>();
    for (PendingDigest known : runtime.pinnedUpdates()) {
      if (known.baseImage().equals(update.baseImage())) {
        if (known.digest().equals(update.digest())) {
          return runtime;
        }
      } else {
        updates.add(known);
      }
    }
    updates.add(new PendingDigest(update.baseImage(), update.digest(), update.seenAt()));
    return copy(runtime, updates, runtime.pending(), runtime.awaitingApproval(), runtime.eligibleAt());
  }

  static ImageRuntime awaitingApproval(ImageRuntime runtime) {
    return copy(runtime, runtime.pinnedUpdates(), runtime.pending(), true, runtime.eligibleAt());
  }

  /** A rebuild consumed every pending digest. */
  static ImageRuntime rebuilt(ImageRuntime runtime, RebuildEntry entry, int rebuildCount) {
    return new ImageRuntime(
        runtime.currentDigest(),
        runtime.currentTag(),
        runtime.lastBuilt(),
        List.of(),
        runtime.pinnedUpdates(),
        false,
        null,
        entry,
        rebuildCount);
  }

  /** A new build of the image was seen; it closes the rebuild that asked for it. */
  static ImageRuntime built(ImageRuntime runtime, ImageBuild build) {
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && last.completedAt() == null && !"failed".equals(last.outcome())) {
      last = last.completed("built", "new build " + build.digest(), build.seenAt());
    }
    return new ImageRuntime(
        build.digest(),
        build.tag(),
        build.seenAt(),
        runtime.pending(),
        runtime.pinnedUpdates(),
        runtime.awaitingApproval(),
        runtime.eligibleAt(),
        last,
        runtime.rebuildCount());
  }

  /** New configuration: candidates of bases it no longer has, or now pins, are dropped. */
  static ImageRuntime withConfig(ImageRuntime runtime, ImageConfig config) {
    List<PendingDigest> pending =
        RebuildPolicy.retainBases(
            runtime.pending(), config.baseImages(), config.pinnedBaseImages());
    List<PendingDigest> pinned =
        runtime.pinnedUpdates().stream()
            .filter(p -> config.pinnedBaseImages().contains(p.baseImage()))
            .toList();
    ImageRuntime next = copy(runtime, pinned, runtime.pending(), runtime.awaitingApproval(), runtime.eligibleAt());
    return withPending(next, pending, config.rebuildDelay());
  }

  private static ImageRuntime withPending(
      ImageRuntime runtime, List<PendingDigest> pending, Duration delay) {
    boolean awaiting = runtime.awaitingApproval() && !pending.isEmpty();
    Instant eligibleAt =
        awaiting
            ? runtime.eligibleAt()
            : RebuildPolicy.earliestMaturity(pending, delay).orElse(null);
    return copy(runtime, runtime.pinnedUpdates(), pending, awaiting, eligibleAt);
  }

  private static ImageRuntime copy(
      ImageRuntime runtime,
      List<PendingDigest> pinnedUpdates,
      List<PendingDigest> pending,
      boolean awaitingApproval,
      Instant eligibleAt) {
    return new ImageRuntime(
        runtime.currentDigest(),
        runtime.currentTag(),
        runtime.lastBuilt(),
        pending,
        pinnedUpdates,
        awaitingApproval,
        eligibleAt,
        runtime.lastRebuild(),
        runtime.rebuildCount());
  }

  private static boolean covers(List<PendingDigest> covered, PendingDigest candidate) {
    return covered.stream()
        .anyMatch(
            c ->
                c.baseImage().equals(candidate.baseImage())
                    && c.digest().equals(candidate.digest()));
  }
}
