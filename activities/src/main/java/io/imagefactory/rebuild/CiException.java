package io.imagefactory.rebuild;

import java.time.Duration;

/**
 * A CI provider's failure, classified so the activity can tell Temporal what to do with it. The
 * message names the repository and what the provider said, and never carries a credential.
 */
public class CiException extends Exception {

  /** What the failure means for a retry. */
  public enum Kind {
    /** 401, 403 without a rate limit, 404, 422: retrying cannot help. */
    REJECTED,
    /** The provider asked us to wait {@link #retryAfter()}. */
    RATE_LIMITED,
    /** A 5xx or a network error: retried with backoff. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final Duration retryAfter;
  private final boolean hinted;

  public CiException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    this(kind, message, retryAfter, cause, true);
  }

  private CiException(
      Kind kind, String message, Duration retryAfter, Throwable cause, boolean hinted) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
    this.hinted = hinted;
  }

  /**
   * A rate limit the provider gave no delay for: waited at least {@code minimum}, and longer on
   * each attempt that meets it again.
   */
  public static CiException rateLimitedWithoutHint(String message, Duration minimum) {
    return new CiException(Kind.RATE_LIMITED, message, minimum, null, false);
  }

  /** False for a rate limit whose delay is our guess rather than the provider's word. */
  public boolean hinted() {
    return hinted;
  }

  public static CiException rejected(String message) {
    return new CiException(Kind.REJECTED, message, null, null);
  }

  public static CiException rateLimited(String message, Duration retryAfter) {
    return new CiException(Kind.RATE_LIMITED, message, retryAfter, null);
  }

  public static CiException unavailable(String message, Throwable cause) {
    return new CiException(Kind.UNAVAILABLE, message, null, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The delay the provider asked for; null unless {@link Kind#RATE_LIMITED}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
