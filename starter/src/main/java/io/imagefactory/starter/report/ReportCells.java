package io.imagefactory.starter.report;

import io.imagefactory.HumanText;
import io.imagefactory.staterepo.RebuildHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The values of a report as text, shared by the renderers so every format reads alike. Nothing here
 * escapes: each renderer escapes for its own syntax.
 */
final class ReportCells {

  /** The text for a value that is not known. */
  static final String NONE = "-";

  private ReportCells() {}

  /** {@code 2025-01-08T10:00:00Z}; {@link #NONE} for none. */
  static String time(Instant at) {
    return at == null ? NONE : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code 12d 3h}; {@link #NONE} for none. */
  static String age(Duration age) {
    return age == null ? NONE : HumanText.duration(age);
  }

  /** Whole days, for the machine-readable formats; null for none. */
  static Long ageDays(Duration age) {
    return age == null ? null : age.toDays();
  }

  /** {@code sha256:0123456789ab}, as the CLI shortens digests; {@link #NONE} for none. */
  static String shortDigest(String digest) {
    return digest == null ? NONE : HumanText.shortDigest(digest);
  }

  /** {@code node-22 sha256:0123456789ab (pinned)}. */
  static String base(BaseRow base) {
    return base.name() + " " + shortDigest(base.digest()) + (base.pinned() ? " (pinned)" : "");
  }

  /** {@code dispatched 2025-01-14T10:00:00Z → built 2025-01-15T08:00:00Z}. */
  static String steps(List<RebuildHistory.Step> steps) {
    return steps.stream()
        .map(s -> text(s.outcome()) + " " + time(s.committedAt()))
        .collect(Collectors.joining(" → "));
  }

  /** {@code text}, or {@link #NONE} when it is null or empty. */
  static String text(String text) {
    return text == null || text.isEmpty() ? NONE : text;
  }

  /** {@code yes} or {@code no}. */
  static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  /** The period in words: {@code 2025-01-01T00:00:00Z to 2025-03-01T00:00:00Z}. */
  static String period(ReportPeriod period) {
    return (period.since() == null ? "all of the history" : time(period.since()))
        + " to "
        + time(period.now());
  }

  /** {@code 30d}, {@code 12h}, as {@code images.yaml} writes a delay. */
  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
