package io.imagefactory.staterepo;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The one way workflows reach the single writer, with the same options everywhere. */
public final class StateRepoClients {

  // Recorded state must not be lost, so a submit retries until the writer takes it.
  private static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setDoNotRetry("StateBatchRefused")
                  .build())
          .build();

  private StateRepoClients() {}

  /** A stub for the calling workflow; call from workflow code only. */
  public static StateRepoClientActivities newStub() {
    return Workflow.newActivityStub(StateRepoClientActivities.class, OPTIONS);
  }
}
