package io.imagefactory.worker.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants as the pages show them: UTC to the minute, and how far from now in words. */
final class Moments {

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Moments() {}

  /** {@code 2025-01-06 10:00 UTC}, or an empty string for null. */
  static String utc(Instant at) {
    return at == null ? "" : MINUTE.format(at);
  }

  /** {@code in 3 min}, {@code 2 d ago}, {@code now}. */
  static String relative(Instant at, Instant now) {
    Duration between = Duration.between(now, at);
    boolean future = !between.isNegative();
    Duration span = between.abs();
    String amount;
    if (span.compareTo(Duration.ofMinutes(1)) < 0) {
      return "now";
    } else if (span.compareTo(Duration.ofHours(1)) < 0) {
      amount = span.toMinutes() + " min";
    } else if (span.compareTo(Duration.ofDays(2)) < 0) {
      amount = span.toHours() + " h";
    } else {
      amount = span.toDays() + " d";
    }
    return future ? "in " + amount : amount + " ago";
  }

  /** A {@code <time>} element: UTC text, relative time and the exact instant as its datetime. */
  static void time(Html html, Instant at, Instant now) {
    if (at == null) {
      html.raw("<span class=\"none\">–</span>");
      return;
    }
    html.open(
            "time",
            "datetime",
            at.truncatedTo(ChronoUnit.SECONDS).toString(),
            "title",
            at.toString())
        .text(utc(at))
        .close("time")
        .open("span", "class", "relative")
        .text(" (" + relative(at, now) + ")")
        .close("span");
  }
}
