package io.imagefactory.github;

import io.imagefactory.rebuild.CiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Classifies a GitHub answer that is not the one expected into a {@link CiException}: rate limits
 * carry the delay GitHub asked for (the activity turns it into its next-retry delay, nothing
 * sleeps), server errors are retried, everything else is rejected with GitHub's message.
 */
final class GitHubResponses {

  /** GitHub documents "wait at least one minute" for a secondary limit that names no delay. */
  static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

  private static final Duration AT_LEAST = Duration.ofSeconds(1);

  private GitHubResponses() {}

  /**
   * @param what the request, for people: {@code dispatch of build.yml on org/api}
   */
  static CiException failure(GitHubResponse response, String what, Clock clock) {
    int status = response.status();
    String said = " (" + status + "): " + response.message();
    if (status == 403 || status == 429) {
      CiException limited = rateLimit(response, what, clock);
      if (limited != null) {
        return limited;
      }
    }
    if (status >= 500) {
      return CiException.unavailable("GitHub failed the " + what + said, null);
    }
    return CiException.rejected("GitHub rejected the " + what + said);
  }

  private static CiException rateLimit(GitHubResponse response, String what, Clock clock) {
    Instant now = clock.instant();
    if ("0".equals(response.header("x-ratelimit-remaining"))) {
      Long reset = number(response.header("x-ratelimit-reset"));
      Duration wait =
          reset == null
              ? SECONDARY_LIMIT_WAIT
              : Duration.between(now, Instant.ofEpochSecond(reset));
      wait = atLeast(wait);
      return CiException.rateLimited(
          "GitHub's rate limit is used up (%d) for the %s; it resets in %ds"
              .formatted(response.status(), what, wait.toSeconds()),
          wait);
    }
    Duration retryAfter = retryAfter(response.header("retry-after"), now);
    if (retryAfter != null) {
      return CiException.rateLimited(
          "GitHub's secondary rate limit stopped the %s; retry after %ds"
              .formatted(what, retryAfter.toSeconds()),
          retryAfter);
    }
    String message = response.message().toLowerCase(Locale.ROOT);
    if (response.status() == 429 || message.contains("rate limit") || message.contains("abuse")) {
      return CiException.rateLimitedWithoutHint(
          "GitHub's secondary rate limit stopped the %s (%d): %s"
              .formatted(what, response.status(), response.message()),
          SECONDARY_LIMIT_WAIT);
    }
    return null;
  }

  /** {@code retry-after} is seconds from GitHub; an HTTP date is accepted too (RFC 9110). */
  private static Duration retryAfter(String value, Instant now) {
    if (value == null) {
      return null;
    }
    Long seconds = number(value);
    if (seconds != null) {
      return atLeast(Duration.ofSeconds(seconds));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return atLeast(Duration.between(now, at));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration atLeast(Duration wait) {
    return wait.compareTo(AT_LEAST) < 0 ? AT_LEAST : wait;
  }

  private static Long number(String value) {
    try {
      return value == null ? null : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
