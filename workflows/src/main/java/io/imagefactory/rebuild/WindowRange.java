package io.imagefactory.rebuild;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One range of a rebuild window: on these days, from this time until that one, local time of the
 * window's zone. Kept as text, as {@code images.yaml} writes it, so it travels in workflow payloads
 * and state files unchanged.
 *
 * @param days {@code Mon} … {@code Sun} (full names and any case are accepted)
 * @param from {@code HH:mm}, inclusive
 * @param to {@code HH:mm}, exclusive; {@code 24:00} for the end of the day; after {@code from}
 */
public record WindowRange(List<String> days, String from, String to) {

  /** The end of the day, as {@code to} may write it. */
  public static final String END_OF_DAY = "24:00";

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  public WindowRange {
    days = days == null ? List.of() : List.copyOf(days);
  }

  /** The days, parsed; throws {@link IllegalArgumentException} naming a day it cannot read. */
  public Set<DayOfWeek> daysOfWeek() {
    Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
    for (String day : days) {
      parsed.add(day(day));
    }
    return parsed;
  }

  /** {@link #from()} parsed. */
  public LocalTime start() {
    return time(from, "from");
  }

  /** Minutes from midnight to {@link #to()}: 1440 for {@code 24:00}. */
  public int endMinute() {
    if (END_OF_DAY.equals(to)) {
      return 24 * 60;
    }
    LocalTime end = time(to, "to");
    return end.getHour() * 60 + end.getMinute();
  }

  /** Minutes from midnight to {@link #from()}. */
  public int startMinute() {
    LocalTime start = start();
    return start.getHour() * 60 + start.getMinute();
  }

  /** Problems with this range, each naming its field; empty when it is valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (days.isEmpty()) {
      problems.add("days: names no day (write Mon, Tue, … Sun)");
    }
    for (String day : days) {
      try {
        day(day);
      } catch (IllegalArgumentException e) {
        problems.add("days: " + e.getMessage());
      }
    }
    Integer start = minute(() -> startMinute(), "from", problems);
    Integer end = minute(() -> endMinute(), "to", problems);
    if (start != null && end != null && start >= end) {
      problems.add(
          "to: "
              + to
              + " is not after from "
              + from
              + " (a range ends on its own day; split an overnight range in two)");
    }
    return problems;
  }

  private static Integer minute(
      java.util.function.IntSupplier read, String field, List<String> problems) {
    try {
      return read.getAsInt();
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
      return null;
    }
  }

  static DayOfWeek day(String text) {
    String name = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (name.length() >= 3 && day.name().startsWith(name)) {
        return day;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a day of the week (write Mon, Tue, Wed, Thu, Fri, Sat or Sun)");
  }

  private static LocalTime time(String text, String field) {
    if (text == null) {
      throw new IllegalArgumentException("is required (HH:mm, such as 09:00)");
    }
    try {
      return LocalTime.parse(text.strip(), CLOCK);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a time of day (HH:mm, such as 09:00"
              + ("to".equals(field) ? ", or 24:00" : "")
              + ")");
    }
  }
}
