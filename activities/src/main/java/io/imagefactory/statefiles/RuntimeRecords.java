package io.imagefactory.statefiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves an image workflow's runtime state into its state file and back. The state file is what
 * survives the loss of a Temporal namespace, so everything the rebuild policy needs to resume —
 * candidates with their first-seen times, a pending approval and its eligibility time, the last
 * rebuild — round-trips through here.
 */
public final class RuntimeRecords {

  static final int HISTORY_LIMIT = 10;

  private RuntimeRecords() {}

  /** The state file with the workflow's runtime written in; configuration is left alone. */
  public static ImageState withRuntime(ImageState state, ImageRuntime runtime) {
    if (state instanceof ManagedImageState m) {
      return new ManagedImageState(
          m.name(),
          m.enrolledAt(),
          m.lastDiscovery(),
          m.discoveryStatus(),
          m.discoveryError(),
          m.buildErrors(),
          m.enrollment(),
          m.baseImages(),
          m.pinnedBaseImages(),
          m.dependentImages(),
          m.sourceRevision(),
          runtime.currentTag(),
          runtime.currentDigest(),
          runtime.lastBuilt(),
          rebuildState(runtime, m.rebuildState()),
          m.unknownFields());
    }
    ExternalImageState e = (ExternalImageState) state;
    return new ExternalImageState(
        e.name(),
        e.enrolledAt(),
        e.discoveryStatus(),
        e.enrollment(),
        e.repoURL(),
        e.allowTags(),
        e.imageSelectionStrategy(),
        e.baseImages(),
        e.dependentImages(),
        runtime.currentTag(),
        runtime.currentDigest(),
        runtime.lastBuilt(),
        e.scans(),
        e.unknownFields());
  }

  /** The runtime a restarted workflow resumes from. */
  public static ImageRuntime runtimeOf(ImageState state) {
    if (state instanceof ExternalImageState e) {
      return ImageRuntime.empty()
          .withBuild(e.currentDigest(), e.currentTag(), e.lastUpdated(), null);
    }
    ManagedImageState m = (ManagedImageState) state;
    RebuildState rebuild = m.rebuildState() == null ? RebuildState.monitoring() : m.rebuildState();
    return new ImageRuntime(
        m.currentDigest(),
        m.currentVersion(),
        m.lastBuilt(),
        rebuild.lastBuiltBy(),
        rebuild.candidates(),
        rebuild.pinnedUpdates(),
        rebuild.pendingRebuild(),
        rebuild.eligibleAt(),
        rebuild.lastRebuild(),
        rebuildCount(rebuild),
        rebuild.failedAttempts(),
        rebuild.retryAt(),
        rebuild.queuedSince(),
        rebuild.heldForSignature());
  }

  static RebuildState rebuildState(ImageRuntime runtime, RebuildState previous) {
    RebuildState before = previous == null ? RebuildState.monitoring() : previous;
    RebuildEntry last = runtime.lastRebuild();
    List<RebuildEntry> history = new ArrayList<>(before.history());
    RebuildEntry replaced = before.lastRebuild();
    if (replaced != null && last != null && !sameRebuild(replaced, last)) {
      history.add(0, replaced);
    }
    if (history.size() > HISTORY_LIMIT) {
      history = history.subList(0, HISTORY_LIMIT);
    }
    return new RebuildState(
        statusOf(runtime),
        runtime.awaitingApproval(),
        runtime.eligibleAt(),
        runtime.pending(),
        last,
        history,
        runtime.pinnedUpdates(),
        runtime.failedAttempts(),
        runtime.retryAt(),
        runtime.lastBuiltBy(),
        runtime.queuedSince(),
        runtime.held(),
        before.unknownFields());
  }

  /**
   * {@code awaiting-approval}, {@code rebuilding} (a rebuild is in flight or waits for its build),
   * {@code failed} (the last rebuild failed; its candidates wait for the next attempt), {@code
   * queued} (matured, waiting for the rebuild budget), {@code waiting}, {@code held} (the only new
   * digests are held for their signature) or {@code monitoring}.
   */
  static String statusOf(ImageRuntime runtime) {
    if (runtime.awaitingApproval()) {
      return "awaiting-approval";
    }
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && last.failed() && !runtime.pending().isEmpty()) {
      return "failed";
    }
    if (last != null && last.inFlight()) {
      return "rebuilding";
    }
    if (runtime.queuedSince() != null && !runtime.pending().isEmpty()) {
      return "queued";
    }
    if (!runtime.pending().isEmpty()) {
      return "waiting";
    }
    if (last != null && last.open()) {
      return "rebuilding";
    }
    if (!runtime.held().isEmpty()) {
      return "held";
    }
    return RebuildState.MONITORING;
  }

  private static boolean sameRebuild(RebuildEntry a, RebuildEntry b) {
    return a.rebuildId() != null
        ? a.rebuildId().equals(b.rebuildId())
        : a.requestedAt().equals(b.requestedAt());
  }

  private static int rebuildCount(RebuildState rebuild) {
    RebuildEntry last = rebuild.lastRebuild();
    if (last != null && last.rebuildId() != null && last.rebuildId().contains("#")) {
      try {
        return Integer.parseInt(last.rebuildId().substring(last.rebuildId().lastIndexOf('#') + 1));
      } catch (NumberFormatException e) {
        // An id written by hand; fall back to counting.
      }
    }
    return rebuild.history().size() + (last == null ? 0 : 1);
  }
}
