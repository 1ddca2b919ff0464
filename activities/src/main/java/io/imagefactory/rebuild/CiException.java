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

  public CiException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
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
