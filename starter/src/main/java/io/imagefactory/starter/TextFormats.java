package io.imagefactory.starter;

import io.imagefactory.HumanText;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the CLI writes times and delays and reads duration options, so every command reads the same.
 */
final class TextFormats {

  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([smhdw])");

  private TextFormats() {}

  /** {@code 2025-01-08T10:00:00Z}, to the second; {@code -} for none. */
  static String instant(Instant at) {
    return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code in 6d 23h}, {@code 2h 5m ago} or {@code now}. */
  static String relative(Instant at, Instant now) {
    Duration between = Duration.between(now, at);
    if (between.abs().getSeconds() < 1) {
      return "now";
    }
    return between.isNegative()
        ? HumanText.duration(between.negated()) + " ago"
        : "in " + HumanText.duration(between);
  }

  /** A configured delay as {@code images.yaml} writes it: {@code 7d}, {@code 12h}, {@code 90m}. */
  static String delay(Duration delay) {
    if (delay == null) {
      return "-";
    }
    long seconds = delay.getSeconds();
    if (seconds != 0 && seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds != 0 && seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /**
   * Reads {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}, {@code 1w} or ISO-8601 {@code PT30M}.
   */
  static final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
      Matcher m = SHORT_DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
      }
      try {
        return Duration.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration (30s, 10m, 2h, 1d or ISO-8601 such as PT30M)");
      }
    }
  }

  /**
   * Reads a day, {@code 2025-01-31} (its start, UTC), or a time, {@code 2025-01-31T10:00:00Z} or
   * with an offset ({@code +01:00}).
   */
  static final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
      String text = value.strip();
      try {
        if (text.length() == 10) {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'"
                + HumanText.printable(value, 40)
                + "' is not a date (2025-01-31) or a time (2025-01-31T10:00:00Z)");
      }
    }
  }
}
