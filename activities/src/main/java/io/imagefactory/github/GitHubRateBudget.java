package io.imagefactory.github;

import io.imagefactory.rebuild.CiException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GitHub's own rate budget as its answers report it ({@code x-ratelimit-remaining}, {@code
 * x-ratelimit-reset}), per credential: a token and an App installation each have their own quota. A
 * credential is keyed by a hash of its token, so the token itself is never kept here. A dispatch
 * that would eat into the reserve waits for the reset, leaving the rest of the hour's requests to
 * run following and enrollment checks, which cost one request each and must not starve.
 */
public final class GitHubRateBudget {

  /** What GitHub last said about one credential's primary (core) quota. */
  record Quota(long remaining, Instant reset) {}

  private final Map<String, Quota> quotas = new ConcurrentHashMap<>();

  /** Takes the quota from an answer's headers; answers without them change nothing. */
  void record(String token, HttpHeaders headers) {
    String resource = headers.firstValue("x-ratelimit-resource").orElse("core");
    Long remaining = number(headers.firstValue("x-ratelimit-remaining").orElse(null));
    Long reset = number(headers.firstValue("x-ratelimit-reset").orElse(null));
    if (!"core".equals(resource.strip()) || remaining == null || reset == null) {
      return;
    }
    quotas.put(key(token), new Quota(remaining, Instant.ofEpochSecond(reset)));
  }

  /**
   * Fails as rate limited until the reset when the credential's remaining quota is at or below
   * {@code reserve}; nothing known, or a reset already past, lets the dispatch go.
   *
   * @param what the request, for the message: {@code dispatch of build.yml on org/api}
   */
  void keepReserve(String token, int reserve, String what, Clock clock) throws CiException {
    if (reserve <= 0) {
      return;
    }
    Quota quota = quotas.get(key(token));
    Instant now = clock.instant();
    if (quota == null || quota.remaining() > reserve || !quota.reset().isAfter(now)) {
      return;
    }
    Duration wait = Duration.between(now, quota.reset());
    throw CiException.rateLimited(
        ("GitHub's rate limit for this credential is down to %d request(s), the %d kept in "
                + "reserve for run following and enrollment checks; the %s waits %ds for the reset")
            .formatted(quota.remaining(), reserve, what, wait.toSeconds()),
        wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
  }

  /** The remaining quota last reported for a credential; -1 when unknown. */
  long remaining(String token) {
    Quota quota = quotas.get(key(token));
    return quota == null ? -1 : quota.remaining();
  }

  private static String key(String token) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static Long number(String value) {
    try {
      return value == null ? null : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
