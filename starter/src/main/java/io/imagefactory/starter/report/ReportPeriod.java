package io.imagefactory.starter.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What a report is computed against: its "now" (ages and staleness are measured to it, never to the
 * clock, so a report is reproducible), the start of the audited period, and the stale rule's age.
 *
 * @param now the time the report is as of; rebuilds asked for after it are left out
 * @param since the first instant of the audited period; null for all of the history
 * @param staleAfter how long a managed image may go without a build while a newer base digest waits
 */
public record ReportPeriod(Instant now, Instant since, Duration staleAfter) {

  public ReportPeriod {
    if (since != null && since.isAfter(now)) {
      throw new IllegalArgumentException("--since " + since + " is after the report's time " + now);
    }
    if (staleAfter.isNegative() || staleAfter.isZero()) {
      throw new IllegalArgumentException("--stale-after must be longer than zero");
    }
  }

  /** True when {@code at} is in the period. */
  boolean includes(Instant at) {
    return !at.isAfter(now) && (since == null || !at.isBefore(since));
  }
}
