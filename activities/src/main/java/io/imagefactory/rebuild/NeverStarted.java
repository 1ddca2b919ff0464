package io.imagefactory.rebuild;

import io.imagefactory.HumanText;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one rule both CI providers apply to a run that waits to start: past {@code limit} after it
 * was created, no runner is coming, and the rebuild gives its candidates back rather than wait on.
 * The run is left where it is; it may still start, and then its build closes nothing.
 */
public record NeverStarted(Duration limit) {

  /**
   * The never-started conclusion of a run still {@code status} at {@code now}, if it has waited
   * past the limit.
   *
   * @param what the run as people know it, {@code GitHub run 42 in acme/api}
   */
  public Optional<RunConclusion> check(
      String what, String url, String status, Instant created, Instant now) {
    if (created == null || now.isBefore(created.plus(limit))) {
      return Optional.empty();
    }
    String detail =
        "%s still %s %s after it was created (limit %s); it is left where it is and may still run"
            .formatted(
                what,
                status,
                HumanText.duration(Duration.between(created, now)),
                HumanText.duration(limit));
    return Optional.of(new RunConclusion(RunConclusion.NEVER_STARTED, url, detail, now));
  }
}
