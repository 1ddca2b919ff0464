package io.imagefactory.image;

import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.signature.SignatureVerdict;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.ScanSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transitions of an image's runtime state: pure functions, so the workflow stays a recipe. */
final class ImageRuntimes {

  /** Automatic attempts after a failed rebuild; then the candidates wait for a person. */
  static final List<Duration> RETRY_DELAYS = List.of(Duration.ofHours(1), Duration.ofHours(4));

  private ImageRuntimes() {}

  /**
   * A new base digest becomes a candidate, unless it is pending or a rebuild already covered it;
   * the candidates of its base stay bounded ({@link RebuildPolicy#add(List, PendingDigest,
   * Duration, Instant)}).
   */
  static ImageRuntime candidate(
      ImageRuntime runtime, BaseUpdate update, Duration delay, Instant now) {
    SignatureVerdict verdict = update.signature();
    PendingDigest fresh =
        new PendingDigest(
            update.baseImage(),
            update.digest(),
            update.seenAt(),
            update.cascade(),
            verdict == null || verdict.verified() ? null : verdict.detail());
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && !last.failed() && last.covered().stream().anyMatch(fresh::sameDigest)) {
      return runtime;
    }
    PendingDigest candidate = fresh.replacing(builtOn(runtime, update));
    // Any newer digest of the base supersedes the one held for it, held or not itself.
    List<PendingDigest> held = new ArrayList<>(runtime.held());
    held.removeIf(h -> h.baseImage().equals(candidate.baseImage()));
    if (verdict != null && verdict.held()) {
      held.add(candidate);
      return runtime.withHeld(held);
    }
    return withPending(
        runtime.withHeld(held), RebuildPolicy.add(runtime.pending(), candidate, delay, now), delay);
  }

  /**
   * The digest of the update's base the image is built on while the update waits: what the oldest
   * pending candidate of that base replaces, or else the base's digest before the update.
   */
  private static String builtOn(ImageRuntime runtime, BaseUpdate update) {
    return runtime.pending().stream()
        .filter(p -> p.baseImage().equals(update.baseImage()) && p.replaces() != null)
        .min(Comparator.comparing(PendingDigest::firstSeen))
        .map(PendingDigest::replaces)
        .orElse(update.previousDigest());
  }

  /**
   * The candidates marked again for the fast path by the scans the image knows of its bases, and
   * the rebuild's due time with them; the same runtime when nothing changes.
   */
  static ImageRuntime marked(
      ImageRuntime runtime,
      Map<String, List<ScanSummary>> scans,
      FastPathPolicy policy,
      Duration delay) {
    List<PendingDigest> pending = FastPathMarks.mark(runtime.pending(), scans, policy);
    return pending == runtime.pending() ? runtime : withPending(runtime, pending, delay);
  }

  /**
   * True when a digest held for its signature would be built anyway: the build pulls its base tags
   * as they stand, and a held digest is what one of those tags now points to.
   */
  static boolean heldDigestWouldBeBuilt(ImageRuntime runtime, ImageConfig config) {
    return !runtime.held().isEmpty() && !config.pinsBases();
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
    return runtime.withPinnedUpdates(updates);
  }

  static ImageRuntime awaitingApproval(ImageRuntime runtime) {
    return runtime.withPending(runtime.pending(), true, runtime.eligibleAt());
  }

  /** A rebuild was asked for: it takes its candidates, and the rest keep maturing. */
  static ImageRuntime dispatching(
      ImageRuntime runtime, RebuildEntry entry, List<PendingDigest> remaining, Duration delay) {
    ImageRuntime next =
        runtime
            .withLastRebuild(entry)
            .withRebuildCount(runtime.rebuildCount() + 1)
            .withFailures(runtime.failedAttempts(), null)
            .withPending(runtime.pending(), false, null);
    return withPending(next, remaining, delay);
  }

  /** The CI answered the dispatch. */
  static ImageRuntime dispatched(ImageRuntime runtime, RebuildDispatch dispatch) {
    String outcome =
        switch (dispatch.outcome()) {
          case RebuildDispatch.RECORDED -> RebuildEntry.RECORDED;
          case RebuildDispatch.UNIDENTIFIED -> RebuildEntry.UNIDENTIFIED;
          default -> RebuildEntry.DISPATCHED;
        };
    return runtime.withLastRebuild(
        runtime
            .lastRebuild()
            .withRun(outcome, dispatch.detail(), dispatch.runUrl(), dispatch.run()));
  }

  /** The run ended: a success waits for its build; anything else gives the candidates back. */
  static ImageRuntime concluded(
      ImageRuntime runtime, RunConclusion conclusion, Instant now, Duration delay) {
    if (!conclusion.succeeded()) {
      return failed(runtime, conclusion.conclusion(), conclusion.detail(), now, delay);
    }
    RebuildEntry last = runtime.lastRebuild();
    Instant at = conclusion.completedAt() == null ? now : conclusion.completedAt();
    return runtime
        .withLastRebuild(last.withOutcome(RebuildEntry.SUCCEEDED, conclusion.detail(), at))
        .withFailures(0, null);
  }

  /**
   * The rebuild did not happen. Its candidates are pending again, with their first-seen times, and
   * are tried again after a growing delay; after the last automatic attempt they wait for {@code
   * rebuild --now} or a new configuration.
   */
  static ImageRuntime failed(
      ImageRuntime runtime, String outcome, String detail, Instant now, Duration delay) {
    RebuildEntry last = runtime.lastRebuild().withOutcome(outcome, detail, now);
    List<PendingDigest> pending = runtime.pending();
    for (PendingDigest covered : last.covered()) {
      pending = RebuildPolicy.add(pending, covered);
    }
    int attempts = runtime.failedAttempts() + 1;
    Instant retryAt =
        attempts <= RETRY_DELAYS.size() ? now.plus(RETRY_DELAYS.get(attempts - 1)) : null;
    return withPending(
        runtime.withLastRebuild(last).withFailures(attempts, retryAt), pending, delay);
  }

  /** True after the last automatic attempt failed: only a person starts the next one. */
  static boolean heldAfterFailures(ImageRuntime runtime) {
    return runtime.failedAttempts() > RETRY_DELAYS.size();
  }

  /** When the next automatic rebuild is due, if any. */
  static Optional<Instant> nextAttempt(ImageRuntime runtime, Duration delay) {
    if (heldAfterFailures(runtime)) {
      return Optional.empty();
    }
    return RebuildPolicy.rebuildDue(runtime.pending(), delay)
        .map(
            at ->
                runtime.retryAt() != null && runtime.retryAt().isAfter(at)
                    ? runtime.retryAt()
                    : at);
  }

  /**
   * A new build of the image was seen. It closes the open rebuild, whose run produced it; with no
   * open rebuild, or one whose dispatch has not even been answered, nothing of ours explains it,
   * and the state says so.
   */
  static ImageRuntime built(ImageRuntime runtime, ImageBuild build) {
    RebuildEntry last = runtime.lastRebuild();
    if (last != null
        && !last.failed()
        && last.open()
        && !RebuildEntry.DISPATCHING.equals(last.outcome())) {
      String by = last.runUrl() == null ? "" : " by " + last.runUrl();
      return runtime
          .withLastRebuild(
              last.builtAs(build.digest(), "built " + build.digest() + by, build.seenAt()))
          .withBuild(build.digest(), build.tag(), build.seenAt(), last.rebuildId());
    }
    return runtime.withBuild(
        build.digest(), build.tag(), build.seenAt(), ImageRuntime.BUILT_OUTSIDE);
  }

  /**
   * New configuration: candidates of bases it no longer has, or now pins, are dropped; a changed
   * rebuild target earns the held candidates a fresh set of automatic attempts.
   */
  static ImageRuntime withConfig(ImageRuntime runtime, ImageConfig previous, ImageConfig config) {
    List<PendingDigest> pending =
        RebuildPolicy.retainBases(
            runtime.pending(), config.baseImages(), config.pinnedBaseImages());
    List<PendingDigest> pinned =
        runtime.pinnedUpdates().stream()
            .filter(p -> config.pinnedBaseImages().contains(p.baseImage()))
            .toList();
    List<PendingDigest> held =
        runtime.held().stream().filter(h -> config.baseImages().contains(h.baseImage())).toList();
    ImageRuntime next = runtime.withPinnedUpdates(pinned).withHeld(held);
    boolean targetChanged =
        previous != null
            && (!java.util.Objects.equals(previous.target(), config.target())
                || !previous.buildErrors().equals(config.buildErrors()));
    if (targetChanged && runtime.failedAttempts() > 0) {
      next = next.withFailures(0, null);
    }
    return withPending(next, pending, config.rebuildDelay());
  }

  private static ImageRuntime withPending(
      ImageRuntime runtime, List<PendingDigest> pending, Duration delay) {
    boolean awaiting = runtime.awaitingApproval() && !pending.isEmpty();
    Instant eligibleAt =
        awaiting ? runtime.eligibleAt() : RebuildPolicy.rebuildDue(pending, delay).orElse(null);
    return runtime.withPending(pending, awaiting, eligibleAt);
  }
}
