package io.imagefactory;

import java.time.Duration;

/**
 * How durations, digests and user-supplied values read wherever a person sees them: the CLI, the
 * Temporal UI, error messages. Pure, so workflow code may call it.
 */
public final class HumanText {

  private static final int DIGEST_HEX_SHOWN = 12;

  private HumanText() {}

  /** {@code 6d 23h}, {@code 4h 5m}, {@code 12m}, {@code 30s}: two units at most; below 0 is 0s. */
  public static String duration(Duration duration) {
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

  /**
   * {@code sha256:0123456789ab}: the algorithm and the first 12 hex digits, as Docker shortens ids;
   * enough to recognise in a table, a commit message or one line of text. Null is unknown.
   */
  public static String shortDigest(String digest) {
    if (digest == null) {
      return "unknown";
    }
    int keep = digest.indexOf(':') + 1 + DIGEST_HEX_SHOWN;
    return digest.length() > keep ? digest.substring(0, keep) : digest;
  }

  /**
   * {@code value} for a message: cut after {@code maxShown} characters (marked {@code ...}), with
   * every {@linkplain #isUnprintable unprintable} character written as {@code \\uXXXX} so a value
   * cannot forge lines of its own or reorder what a terminal shows.
   */
  public static String printable(String value, int maxShown) {
    String shown = value.length() > maxShown ? value.substring(0, maxShown) + "..." : value;
    StringBuilder printable = new StringBuilder();
    shown
        .codePoints()
        .forEach(
            c -> {
              if (isUnprintable(c)) {
                printable.append(escape(c));
              } else {
                printable.appendCodePoint(c);
              }
            });
    return printable.toString();
  }

  /**
   * True for what must never reach a terminal or a log line raw: control characters (C0, DEL, C1,
   * so terminal escapes and line breaks), invisible format characters (zero-width spaces,
   * bidirectional overrides that reorder a line), line and paragraph separators, and unpaired
   * surrogates.
   */
  public static boolean isUnprintable(int codePoint) {
    int type = Character.getType(codePoint);
    return Character.isISOControl(codePoint)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE;
  }

  /** {@code \\u001b}: how an unprintable character is written instead. */
  public static String escape(int codePoint) {
    return String.format("\\u%04x", codePoint);
  }
}
