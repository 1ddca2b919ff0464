package io.imagefactory.starter;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How the CLI writes times, durations and digests, so every command reads the same. */
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
    return between.isNegative() ? human(between.negated()) + " ago" : "in " + human(between);
  }

  /** {@code 6d 23h}, {@code 4h 5m}, {@code 12m}, {@code 30s}: two units at most. */
  static String human(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    return minutes > 0 ? minutes + "m" : seconds + "s";
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

  /** {@code sha256:0123456789ab}: enough to recognise in a table. */
  static String shortDigest(String digest) {
    if (digest == null) {
      return "-";
    }
    int colon = digest.indexOf(':');
    int keep = colon + 1 + 12;
    return digest.length() > keep ? digest.substring(0, keep) : digest;
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
}
