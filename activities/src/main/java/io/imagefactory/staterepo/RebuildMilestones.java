package io.imagefactory.staterepo;

import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The moments of a rebuild that one write of a state file records for the first time: the dispatch
 * (the CI accepted it, or it was recorded) and the new build that closed it. Each is measured per
 * base digest the rebuild is for, from when the image first saw that digest (its candidate's {@code
 * firstSeen}), so a rebuild onto two new bases gives two samples.
 *
 * @param dispatched first seen to {@code requestedAt}, one per base digest
 * @param built first seen to the build's {@code completedAt}, one per base digest
 */
record RebuildMilestones(List<Duration> dispatched, List<Duration> built) {

  static final RebuildMilestones NONE = new RebuildMilestones(List.of(), List.of());

  // Outcomes that say the dispatch went out (or was recorded); a failed one went out when it has a
  // run.
  private static final Set<String> SENT =
      Set.of(
          RebuildEntry.RECORDED,
          RebuildEntry.DISPATCHED,
          RebuildEntry.UNIDENTIFIED,
          RebuildEntry.SUCCEEDED,
          RebuildEntry.CANCELLED,
          RebuildEntry.TIMED_OUT,
          RebuildEntry.NEVER_STARTED,
          RebuildEntry.UNFOLLOWED,
          RebuildEntry.BUILT);

  RebuildMilestones {
    dispatched = List.copyOf(dispatched);
    built = List.copyOf(built);
  }

  /** What writing {@code after} over {@code before} records for the first time. */
  static RebuildMilestones between(ImageState before, ImageState after) {
    Optional<RebuildEntry> next = lastRebuild(after);
    if (next.isEmpty()) {
      return NONE;
    }
    RebuildEntry entry = next.get();
    Optional<RebuildEntry> previous =
        lastRebuild(before).filter(p -> p.rebuildId().equals(entry.rebuildId()));
    List<Duration> dispatched =
        sent(entry) && previous.map(p -> !sent(p)).orElse(true)
            ? sinceFirstSeen(entry, entry.requestedAt())
            : List.of();
    List<Duration> built =
        RebuildEntry.BUILT.equals(entry.outcome())
                && entry.completedAt() != null
                && previous.map(p -> !RebuildEntry.BUILT.equals(p.outcome())).orElse(true)
            ? sinceFirstSeen(entry, entry.completedAt())
            : List.of();
    return new RebuildMilestones(dispatched, built);
  }

  private static boolean sent(RebuildEntry entry) {
    return SENT.contains(entry.outcome())
        || (RebuildEntry.FAILED.equals(entry.outcome()) && entry.runUrl() != null);
  }

  private static Optional<RebuildEntry> lastRebuild(ImageState state) {
    if (state instanceof ManagedImageState managed && managed.rebuildState() != null) {
      return Optional.ofNullable(managed.rebuildState().lastRebuild());
    }
    return Optional.empty();
  }

  /**
   * Per base digest of the rebuild, {@code at} minus when that digest was first seen: the covered
   * candidate of that digest, else the oldest covered candidate of that base. A base with neither
   * (a {@code now} rebuild of an image with no candidate) gives no sample.
   */
  private static List<Duration> sinceFirstSeen(RebuildEntry entry, Instant at) {
    if (at == null) {
      return List.of();
    }
    List<Duration> samples = new ArrayList<>();
    for (Map.Entry<String, String> base : entry.baseDigests().entrySet()) {
      entry.covered().stream()
          .filter(c -> c.baseImage().equals(base.getKey()))
          .min(
              Comparator.comparing((PendingDigest c) -> !c.digest().equals(base.getValue()))
                  .thenComparing(PendingDigest::firstSeen))
          .map(c -> Duration.between(c.firstSeen(), at))
          // Clocks of two workers (or the webhook's and Temporal's) may disagree by a little.
          .map(d -> d.isNegative() ? Duration.ZERO : d)
          .ifPresent(samples::add);
    }
    return samples;
  }
}
