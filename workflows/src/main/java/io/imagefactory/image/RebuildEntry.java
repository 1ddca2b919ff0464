package io.imagefactory.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One rebuild as the image workflow remembers it.
 *
 * @param trigger {@code timer}, {@code approval} or {@code now}
 * @param baseDigests per base, the newest matured digest (for {@code approval} and {@code now}:
 *     the newest pending digest)
 * @param covered every pending digest this rebuild consumed: the build pulls the base tags as
 *     they are when it runs, so it also picks up digests that had not matured yet
 * @param outcome {@code recorded}, {@code dispatched}, {@code failed} or {@code built}
 */
public record RebuildEntry(
    String rebuildId,
    Instant requestedAt,
    String trigger,
    Map<String, String> baseDigests,
    List<PendingDigest> covered,
    String runUrl,
    String outcome,
    String detail,
    Instant completedAt) {

  public RebuildEntry completed(String newOutcome, String newDetail, Instant at) {
    return new RebuildEntry(
        rebuildId, requestedAt, trigger, baseDigests, covered, runUrl, newOutcome, newDetail, at);
  }
}
