package io.imagefactory.worker.crash;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.time.Duration;

/**
 * Shortens the start-to-close timeout of the state-repository writer's {@code Commit} activity to
 * {@link #COMMIT} (the product uses 5 minutes), so a commit whose worker was killed is retried on
 * the next worker after seconds. Nothing else changes: the retry is the product's own.
 */
final class LostActivityTimeouts extends WorkerInterceptorBase {

  /** Far above what a commit of a few hundred files takes here, far below 5 minutes. */
  static final Duration COMMIT = Duration.ofSeconds(10);

  private static final String COMMIT_ACTIVITY = "Commit";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new ShorterCommit(outbound));
      }
    };
  }

  private static final class ShorterCommit extends WorkflowOutboundCallsInterceptorBase {
    ShorterCommit(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      if (!COMMIT_ACTIVITY.equals(input.getActivityName())) {
        return super.executeActivity(input);
      }
      ActivityOptions shorter =
          ActivityOptions.newBuilder(input.getOptions()).setStartToCloseTimeout(COMMIT).build();
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              shorter,
              input.getHeader()));
    }
  }
}
