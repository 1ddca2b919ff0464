package io.imagefactory.rebuild;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * When automatic rebuilds of an image may be dispatched ({@code rebuildWindow} in {@code
 * images.yaml}): ranges of days and hours in one named time zone. Pure, so workflow code can ask it
 * with {@code Workflow.currentTimeMillis()} and stay deterministic. Local times are resolved with
 * the zone's rules on each date, so a daylight-saving change moves the window with the wall clock:
 * a time that falls in a spring-forward gap moves forward by the gap's length (01:30 becomes
 * 02:30), as {@link ZonedDateTime#of} resolves it, and in an autumn overlap the earlier of the two
 * instants counts.
 *
 * @param timeZone an IANA zone id such as {@code Europe/London}
 * @param ranges at least one; no two overlap on a day
 */
public record RebuildWindow(String timeZone, List<WindowRange> ranges) {

  /** A window lies at most a week ahead; one more day covers a range ending at midnight. */
  private static final int DAYS_AHEAD = 8;

  public RebuildWindow {
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
  }

  /** True when {@code at} lies inside one of the ranges. */
  public boolean isOpen(Instant at) {
    return nextOpening(at).equals(at);
  }

  /**
   * {@code at} itself when the window is open then, otherwise the next instant it opens. A window
   * without ranges never closes (an invalid window is refused before it reaches a workflow).
   */
  public Instant nextOpening(Instant at) {
    ZoneId zone = zone();
    LocalDate today = at.atZone(zone).toLocalDate();
    Instant next = null;
    for (int offset = -1; offset <= DAYS_AHEAD; offset++) {
      LocalDate date = today.plusDays(offset);
      for (WindowRange range : ranges) {
        if (!range.daysOfWeek().contains(date.getDayOfWeek())) {
          continue;
        }
        Instant start = ZonedDateTime.of(date, range.start(), zone).toInstant();
        Instant end = endOf(range, date, zone);
        if (!start.isBefore(end)) {
          continue; // The whole range fell into a spring-forward gap.
        }
        if (!at.isBefore(start) && at.isBefore(end)) {
          return at;
        }
        if (start.isAfter(at) && (next == null || start.isBefore(next))) {
          next = start;
        }
      }
    }
    return next == null ? at : next;
  }

  /** The instant the range that is open at {@code at} closes; {@code at} when none is open. */
  public Instant closesAfter(Instant at) {
    ZoneId zone = zone();
    LocalDate today = at.atZone(zone).toLocalDate();
    Instant close = at;
    for (int offset = -1; offset <= 0; offset++) {
      LocalDate date = today.plusDays(offset);
      for (WindowRange range : ranges) {
        if (range.daysOfWeek().contains(date.getDayOfWeek())) {
          Instant start = ZonedDateTime.of(date, range.start(), zone).toInstant();
          Instant end = endOf(range, date, zone);
          if (!at.isBefore(start) && at.isBefore(end) && end.isAfter(close)) {
            close = end;
          }
        }
      }
    }
    return close;
  }

  /** {@code Mon,Tue 09:00-16:00 Europe/London}, for details lines. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (WindowRange range : ranges) {
      parts.add(String.join(",", range.days()) + " " + range.from() + "-" + range.to());
    }
    return String.join("; ", parts) + " " + timeZone;
  }

  /**
   * Problems with this window, each starting with the field it concerns ({@code timeZone}, {@code
   * ranges[2].to}); empty when it is valid.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (timeZone == null || timeZone.isBlank()) {
      problems.add("timeZone: is required (an IANA zone such as Europe/London or UTC)");
    } else {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        problems.add(
            "timeZone: '"
                + timeZone
                + "' is not a known time zone (an IANA zone such as"
                + " Europe/London, America/New_York or UTC)");
      }
    }
    if (ranges.isEmpty()) {
      problems.add("ranges: the window has no range, so no rebuild could ever be dispatched");
    }
    boolean rangesValid = true;
    for (int i = 0; i < ranges.size(); i++) {
      for (String problem : ranges.get(i).problems()) {
        problems.add(label(i) + problem);
        rangesValid = false;
      }
    }
    if (rangesValid) {
      overlaps(problems);
    }
    return problems;
  }

  private void overlaps(List<String> problems) {
    for (int a = 0; a < ranges.size(); a++) {
      for (int b = a + 1; b < ranges.size(); b++) {
        WindowRange first = ranges.get(a);
        WindowRange second = ranges.get(b);
        Set<DayOfWeek> shared = first.daysOfWeek();
        shared.retainAll(second.daysOfWeek());
        boolean overlap =
            first.startMinute() < second.endMinute() && second.startMinute() < first.endMinute();
        if (!shared.isEmpty() && overlap) {
          problems.add(
              "ranges: ranges "
                  + (a + 1)
                  + " ("
                  + first.from()
                  + "-"
                  + first.to()
                  + ") and "
                  + (b + 1)
                  + " ("
                  + second.from()
                  + "-"
                  + second.to()
                  + ") overlap on "
                  + shared
                      .iterator()
                      .next()
                      .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT));
        }
      }
    }
  }

  private String label(int index) {
    return ranges.size() == 1 ? "" : "ranges[" + (index + 1) + "].";
  }

  private ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  private static Instant endOf(WindowRange range, LocalDate date, ZoneId zone) {
    int minute = range.endMinute();
    if (minute == 24 * 60) {
      return date.plusDays(1).atStartOfDay(zone).toInstant();
    }
    return ZonedDateTime.of(date, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
  }
}
