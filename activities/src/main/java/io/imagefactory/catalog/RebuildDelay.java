package io.imagefactory.catalog;

import io.imagefactory.HumanText;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an image's {@code rebuildDelay}: the short forms {@code 90m}, {@code 12h}, {@code 7d},
 * {@code 2w} or an ISO-8601 duration ({@code P7D}, {@code PT12H}, {@code P2W}). A delay is positive
 * and at most {@link #MAX} long. Pure, so workflow code may call it.
 */
public final class RebuildDelay {

  /** The longest delay accepted: a longer soak is a typo, and would silently stop rebuilds. */
  public static final Duration MAX = Duration.ofDays(365);

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([mhdw])");
  private static final Pattern ISO_WEEKS = Pattern.compile("[pP](\\d{1,9})[wW]");

  private RebuildDelay() {}

  /**
   * Returns the delay {@code text} names.
   *
   * @throws IllegalArgumentException with a message that quotes the text and says what is accepted,
   *     when the text is not a delay
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(notADuration(text == null ? "" : text));
    }
    Duration delay = toDuration(text.strip());
    if (delay == null) {
      throw new IllegalArgumentException(notADuration(text));
    }
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException(quote(text) + " must be positive");
    }
    if (delay.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(quote(text) + " is longer than " + MAX.toDays() + " days");
    }
    return delay;
  }

  private static Duration toDuration(String text) {
    Matcher shortForm = SHORT.matcher(text);
    if (shortForm.matches()) {
      long amount = Long.parseLong(shortForm.group(1));
      return switch (shortForm.group(2)) {
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofDays(amount * 7);
      };
    }
    Matcher weeks = ISO_WEEKS.matcher(text);
    if (weeks.matches()) {
      return Duration.ofDays(Long.parseLong(weeks.group(1)) * 7);
    }
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    return null;
  }

  private static String notADuration(String text) {
    return quote(text) + " is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)";
  }

  /** Quotes the text for a message, shortened and with control characters made visible. */
  private static String quote(String text) {
    return "\"" + HumanText.printable(text, 40) + "\"";
  }
}
