package io.imagefactory.catalog;

import io.imagefactory.image.ImageRuntime;
import io.imagefactory.image.PendingDigest;
import io.imagefactory.image.RebuildEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
          m.name(), m.enrolledAt(), m.lastDiscovery(), m.discoveryStatus(), m.discoveryError(),
          m.buildErrors(), m.enrollment(), m.baseImages(), m.pinnedBaseImages(),
          m.dependentImages(), runtime.currentTag(), runtime.currentDigest(), runtime.lastBuilt(),
          rebuildState(runtime, m.rebuildState()), m.unknownFields());
    }
    ExternalImageState e = (ExternalImageState) state;
    return new ExternalImageState(
        e.name(), e.enrolledAt(), e.discoveryStatus(), e.enrollment(), e.repoURL(), e.allowTags(),
        e.imageSelectionStrategy(), e.baseImages(), e.dependentImages(), runtime.currentTag(),
        runtime.currentDigest(), runtime.lastBuilt(), e.unknownFields());
  }

  /** The runtime a restarted workflow resumes from. */
  public static ImageRuntime runtimeOf(ImageState state) {
    if (state instanceof ExternalImageState e) {
      return new ImageRuntime(
          e.currentDigest(), e.currentTag(), e.lastUpdated(), List.of(), List.of(), false, null,
          null, 0);
    }
    ManagedImageState m = (ManagedImageState) state;
    RebuildState rebuild = m.rebuildState() == null ? RebuildState.monitoring() : m.rebuildState();
    RebuildEntry last = entryOf(rebuild.lastRebuild());
    return new ImageRuntime(
        m.currentDigest(),
        m.currentVersion(),
        m.lastBuilt(),
        pendingOf(rebuild.candidates()),
        pendingOf(rebuild.pinnedUpdates()),
        rebuild.pendingRebuild(),
        rebuild.eligibleAt(),
        last,
        rebuildCount(rebuild));
  }

  static RebuildState rebuildState(ImageRuntime runtime, RebuildState previous) {
    RebuildState before = previous == null ? RebuildState.monitoring() : previous;
    RebuildRecord last = recordOf(runtime.lastRebuild());
    List<RebuildRecord> history = new ArrayList<>(before.history());
    RebuildRecord replaced = before.lastRebuild();
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
        candidatesOf(runtime.pending()),
        last,
        history,
        candidatesOf(runtime.pinnedUpdates()),
        before.unknownFields());
  }

  /** {@code awaiting-approval}, {@code waiting}, {@code rebuilding} or {@code monitoring}. */
  static String statusOf(ImageRuntime runtime) {
    if (runtime.awaitingApproval()) {
      return "awaiting-approval";
    }
    if (!runtime.pending().isEmpty()) {
      return "waiting";
    }
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && last.completedAt() == null) {
      return "rebuilding";
    }
    return RebuildState.MONITORING;
  }

  private static boolean sameRebuild(RebuildRecord a, RebuildRecord b) {
    return a.id() != null ? a.id().equals(b.id()) : a.requestedAt().equals(b.requestedAt());
  }

  private static int rebuildCount(RebuildState rebuild) {
    RebuildRecord last = rebuild.lastRebuild();
    if (last != null && last.id() != null && last.id().contains("#")) {
      try {
        return Integer.parseInt(last.id().substring(last.id().lastIndexOf('#') + 1));
      } catch (NumberFormatException e) {
        // An id written by hand; fall back to counting.
      }
    }
    return rebuild.history().size() + (last == null ? 0 : 1);
  }

  private static List<RebuildCandidate> candidatesOf(List<PendingDigest> pending) {
    return pending.stream()
        .map(p -> new RebuildCandidate(p.baseImage(), p.digest(), p.firstSeen()))
        .toList();
  }

  private static List<PendingDigest> pendingOf(List<RebuildCandidate> candidates) {
    return candidates.stream()
        .map(c -> new PendingDigest(c.baseImage(), c.digest(), c.firstSeen()))
        .toList();
  }

  private static RebuildRecord recordOf(RebuildEntry entry) {
    if (entry == null) {
      return null;
    }
    return new RebuildRecord(
        entry.rebuildId(), entry.requestedAt(), entry.trigger(),
        entry.baseDigests() == null ? Map.of() : entry.baseDigests(), entry.runUrl(),
        entry.outcome(), entry.detail(), entry.completedAt());
  }

  private static RebuildEntry entryOf(RebuildRecord record) {
    if (record == null) {
      return null;
    }
    return new RebuildEntry(
        record.id(), record.requestedAt(), record.trigger(), record.baseDigests(), List.of(),
        record.runUrl(), record.outcome(), record.detail(), record.completedAt());
  }
}
