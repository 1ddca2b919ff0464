package io.imagefactory.rebuild;

import java.time.Instant;

/**
 * How a CI run ended.
 *
 * @param conclusion one of the constants below
 * @param detail a short line for people: the provider's own conclusion and message
 * @param completedAt when the run ended, as the provider says
 */
public record RunConclusion(String conclusion, String url, String detail, Instant completedAt) {

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";
  public static final String TIMED_OUT = "timed-out";

  /** Queued for longer than the provider would keep it, or gone: it never ran. */
  public static final String NEVER_STARTED = "never-started";

  public boolean succeeded() {
    return SUCCEEDED.equals(conclusion);
  }
}
