package io.imagefactory;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** The words of why an activity failed, for a workflow's details line or answer. */
public final class FailureCauses {

  private FailureCauses() {}

  /**
   * The last attempt's own message, without Temporal's wrapping ("message='…', type='…'"); the
   * activities' messages carry no credentials.
   */
  public static String of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    if (cause instanceof ApplicationFailure application) {
      return application.getOriginalMessage();
    }
    return cause == null ? failure.getMessage() : cause.getMessage();
  }
}
