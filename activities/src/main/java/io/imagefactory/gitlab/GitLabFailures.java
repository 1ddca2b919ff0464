package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.HumanText;
import io.imagefactory.rebuild.CiException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns GitLab's error answers into {@link CiException}s: what kind of failure each is, GitLab's
 * own words for it, and how long a rate limit asks us to wait.
 */
final class GitLabFailures {

  static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);
  private static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
  private static final int MAX_MESSAGE = 400;
  // Below this RateLimit-Reset cannot be a future epoch second (2001); read it as a delay.
  private static final long EPOCH_SECONDS_FLOOR = 1_000_000_000L;

  private final URI baseUrl;
  private final Clock clock;

  GitLabFailures(URI baseUrl, Clock clock) {
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  /** The failure for a non-2xx answer to a request {@code doing} something, as its message says. */
  CiException classify(GitLabApi.Answer answer, String doing) {
    int status = answer.status();
    String message = "GitLab at " + baseUrl + " answered HTTP " + status + " " + doing;
    String said = said(answer.body());
    if (!said.isEmpty()) {
      message += ": " + said;
    }
    if (status == 429) {
      Duration wait = rateLimitWait(answer.headers());
      return CiException.rateLimited(
          message + " (rate limited: retry in " + HumanText.duration(wait) + ")", wait);
    }
    if (status >= 500 || status == 408) {
      return CiException.unavailable(message, null);
    }
    return CiException.rejected(message + hint(status, answer.headers()));
  }

  /**
   * GitLab's {@code message}, {@code error} and {@code error_description}, readable whether each is
   * a string, an object of field errors or an array; empty when the body is not GitLab JSON.
   */
  static String said(JsonNode body) {
    if (body == null || !body.isObject()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("message", "error", "error_description")) {
      String rendered = render(body.get(field));
      if (!rendered.isEmpty()) {
        parts.add(rendered);
      }
    }
    return HumanText.printable(String.join(": ", parts), MAX_MESSAGE);
  }

  /** How long to wait: Retry-After (seconds or a date), else RateLimit-Reset, else a minute. */
  Duration rateLimitWait(HttpHeaders headers) {
    Instant now = clock.instant();
    Duration wait =
        headers
            .firstValue("Retry-After")
            .flatMap(value -> retryAfter(value.trim(), now))
            .or(() -> headers.firstValue("RateLimit-Reset").flatMap(v -> reset(v.trim(), now)))
            .orElse(DEFAULT_RATE_LIMIT_WAIT);
    return wait.compareTo(MIN_RATE_LIMIT_WAIT) < 0 ? MIN_RATE_LIMIT_WAIT : wait;
  }

  private static Optional<Duration> retryAfter(String value, Instant now) {
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return Optional.of(Duration.between(now, at));
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  private static Optional<Duration> reset(String value, Instant now) {
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(
          seconds < EPOCH_SECONDS_FLOOR
              ? Duration.ofSeconds(seconds)
              : Duration.between(now, Instant.ofEpochSecond(seconds)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String hint(int status, HttpHeaders headers) {
    return switch (status) {
      case 401 -> " (the token was refused: expired, revoked or not a GitLab token)";
      case 403 -> " (the token may not do this: it needs the api scope and the Developer role)";
      case 404 -> " (no such project or pipeline, or the token cannot see it)";
      default ->
          status >= 300 && status < 400
              ? " (redirected to "
                  + headers.firstValue("Location").orElse("nowhere")
                  + ": configure the base URL GitLab answers on)"
              : "";
    };
  }

  private static String render(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    if (node.isValueNode()) {
      return node.asText();
    }
    List<String> parts = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(item -> parts.add(render(item)));
    } else {
      // Rails puts errors of the whole record under "base"; its key means nothing to people.
      node.properties()
          .forEach(
              field -> {
                String value = render(field.getValue());
                parts.add("base".equals(field.getKey()) ? value : field.getKey() + ": " + value);
              });
    }
    parts.removeIf(String::isEmpty);
    return String.join(node.isArray() ? ", " : "; ", parts);
  }
}
