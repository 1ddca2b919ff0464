package io.imagefactory.starter.report;

import io.imagefactory.image.RebuildEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One enrolled image in a report.
 *
 * @param kind {@code managed} or {@code external}
 * @param status the status the worker's gauges count it under
 * @param digest its current digest; null when no build (or, external, no digest) was seen
 * @param builtAt managed: when its current build was seen; external: when its current digest was
 *     first seen; null when none was
 * @param age from {@code builtAt} to the report's time; null without {@code builtAt}
 * @param builtBy the rebuild whose run produced the current build, or {@code
 *     outside-image-factory}; null when unknown
 * @param lastRebuild the most recent rebuild as the state file has it; null when none
 * @param pendingRebuild true while a matured rebuild waits for approval
 * @param eligibleAt when the pending rebuild is (or was) due; null when nothing is pending
 * @param behind how many newer base digests it has not been rebuilt onto yet
 * @param stale no build for longer than the stale age while a newer base digest exists
 */
public record ImageRow(
    String name,
    String kind,
    String status,
    List<BaseRow> bases,
    String digest,
    Instant builtAt,
    Duration age,
    String builtBy,
    RebuildEntry lastRebuild,
    boolean pendingRebuild,
    Instant eligibleAt,
    int behind,
    boolean stale) {

  public ImageRow {
    bases = List.copyOf(bases);
  }
}
