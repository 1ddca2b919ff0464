package io.imagefactory.staterepo;

import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import org.slf4j.Logger;

/**
 * Turns a {@link StateRepositoryException} into the failure an activity throws, logged as one line.
 * A passing one (the remote unreachable or gone) is benign to Temporal, which then logs the attempt
 * at debug level instead of a warning with a stack trace: an outage of hours would otherwise fill
 * the log with the same trace for every attempt of every activity.
 */
public final class StateRepositoryFailure {

  private StateRepositoryFailure() {}

  /** Logs {@code e} once, saying what could not be done, and returns what to throw. */
  public static ApplicationFailure of(StateRepositoryException e, String doing, Logger log) {
    if (!e.retryable()) {
      log.error("{}: {}", doing, e.getMessage());
      return ApplicationFailure.newNonRetryableFailure(e.getMessage(), StateRepoFailures.REFUSED);
    }
    log.warn("{}, will try again: {}", doing, e.getMessage());
    return ApplicationFailure.newBuilder()
        .setMessage(e.getMessage())
        .setType(StateRepoFailures.UNAVAILABLE)
        .setCategory(ApplicationErrorCategory.BENIGN)
        .build();
  }
}
