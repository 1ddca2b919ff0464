package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.statefiles.FastPathSetting;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.Severity;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the fast path's {@code delay}: {@code 0}, seconds ({@code 30s}), or any {@link
 * RebuildDelay} ({@code 90m}, {@code 4h}, {@code PT4H}). Zero is allowed here, unlike a rebuild
 * delay: a critical fix is meant to go out at once. Pure.
 */
public final class FastPathDelay {

  private static final Pattern SECONDS = Pattern.compile("(\\d{1,9})s");

  private FastPathDelay() {}

  /**
   * Returns the delay {@code text} names.
   *
   * @throws IllegalArgumentException quoting the text and saying what is accepted
   */
  public static Duration parse(String text) {
    String value = text == null ? "" : text.strip();
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher seconds = SECONDS.matcher(value);
    if (seconds.matches()) {
      return Duration.ofSeconds(Long.parseLong(seconds.group(1)));
    }
    try {
      return RebuildDelay.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          Quoted.of(value)
              + " is not a delay; write 0s, 30s, 90m, 4h, 1d or an ISO-8601 duration"
              + " such as PT4H");
    }
  }

  /**
   * The policy a setting of the state file stands for: null for {@code off}, the built-in default
   * for no setting.
   */
  public static FastPathPolicy policyOf(FastPathSetting setting) {
    if (setting == null) {
      return FastPathPolicy.DEFAULT;
    }
    if (setting.off()) {
      return null;
    }
    Severity severity = setting.severity() == null ? Severity.CRITICAL : setting.severity();
    Duration delay = setting.delay() == null ? Duration.ZERO : parse(setting.delay());
    return new FastPathPolicy(severity, delay);
  }
}
