package io.imagefactory.worker.page;

import io.imagefactory.catalog.RebuildDelay;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What an image waits for, in time order: each candidate digest first seen and when it matures
 * ({@code rebuildDelay} later), when the rebuild is due, a retry after failures, and now.
 */
final class PendingTimeline {

  /**
   * One point on the line.
   *
   * @param kind {@code seen}, {@code matures}, {@code due}, {@code retry} or {@code now}
   */
  record Moment(Instant at, String kind, String what) {}

  private PendingTimeline() {}

  /** The moments of {@code image}'s pending rebuild, with now among them; empty when none waits. */
  static List<Moment> of(ManagedImageState image, Instant now) {
    RebuildState rebuild = image.rebuildState();
    if (rebuild == null
        || (rebuild.candidates().isEmpty()
            && rebuild.eligibleAt() == null
            && rebuild.retryAt() == null)) {
      return List.of();
    }
    Optional<Duration> delay = delay(image);
    List<Moment> moments = new ArrayList<>();
    for (PendingDigest candidate : rebuild.candidates()) {
      String digest = TablePage.shortDigest(candidate.digest());
      String source = candidate.cascade() ? "rebuilt image " : "base ";
      if (candidate.firstSeen() != null) {
        moments.add(
            new Moment(
                candidate.firstSeen(),
                "seen",
                source + candidate.baseImage() + " at " + digest + " first seen"));
        delay.ifPresent(
            d ->
                moments.add(
                    new Moment(
                        candidate.maturesAt(d),
                        "matures",
                        candidate.baseImage()
                            + " at "
                            + digest
                            + (candidate.fastPath() != null
                                    && candidate
                                        .maturesAt(d)
                                        .isBefore(candidate.firstSeen().plus(d))
                                ? " matures early (fast path: "
                                    + candidate.fastPath().describe()
                                    + ")"
                                : " matures (rebuildDelay "
                                    + image.enrollment().rebuildDelay()
                                    + ")"))));
      }
    }
    if (rebuild.eligibleAt() != null) {
      moments.add(
          new Moment(
              rebuild.eligibleAt(),
              "due",
              rebuild.pendingRebuild()
                  ? "rebuild eligible, waits for approval (image-factory approve "
                      + image.name()
                      + ")"
                  : "rebuild due"));
    }
    if (rebuild.retryAt() != null) {
      moments.add(
          new Moment(
              rebuild.retryAt(),
              "retry",
              "retry after " + rebuild.failedAttempts() + " failed rebuild(s)"));
    }
    moments.add(new Moment(now, "now", "now"));
    moments.sort(Comparator.comparing(Moment::at).thenComparing(m -> "now".equals(m.kind())));
    return List.copyOf(moments);
  }

  private static Optional<Duration> delay(ManagedImageState image) {
    if (image.enrollment() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(RebuildDelay.parse(image.enrollment().rebuildDelay()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
