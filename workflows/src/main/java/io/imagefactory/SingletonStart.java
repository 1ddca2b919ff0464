package io.imagefactory;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How a workflow starts one of the singletons (the state-repo writer, the rebuild budget) when its
 * signal finds it not running: an activity that signals with start, retried briefly, because the
 * next send tries again anyway.
 */
public final class SingletonStart {

  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  private SingletonStart() {}
}
