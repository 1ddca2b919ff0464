package io.imagefactory.worker.metrics;

import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Sees each enrollment run end — with its result, a failure, or a continue-as-new — and counts it,
 * so the enrollment workflow itself stays free of metrics. The count happens only when the end is
 * not being replayed ({@link Workflow#isReplaying()}, the SDK's guard for exactly this: metrics and
 * logs), so a worker that rebuilds a run from its history does not count it again. The duration is
 * workflow time, from the run's start to its end.
 */
final class EnrollmentRunInterceptor extends WorkerInterceptorBase {

  private static final String ENROLLMENT_TYPE = EnrollmentWorkflow.class.getSimpleName();

  private final EnrollmentRunMetrics metrics;

  EnrollmentRunInterceptor(EnrollmentRunMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      private boolean counted;

      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(
            new WorkflowOutboundCallsInterceptorBase(outbound) {
              @Override
              public void continueAsNew(ContinueAsNewInput input) {
                end(EnrollmentRunMetrics.CONTINUED);
                super.continueAsNew(input);
              }
            });
      }

      @Override
      public WorkflowOutput execute(WorkflowInput input) {
        try {
          WorkflowOutput output = super.execute(input);
          end(outcomeOf(output.getResult()));
          return output;
        } catch (TemporalFailure e) {
          // Only a Temporal failure fails the run; any other exception fails the workflow task,
          // which is retried, and must not be counted on every retry.
          end(EnrollmentRunMetrics.FAILED);
          throw e;
        }
      }

      private void end(String outcome) {
        if (counted
            || !ENROLLMENT_TYPE.equals(Workflow.getInfo().getWorkflowType())
            || Workflow.isReplaying()) {
          return;
        }
        counted = true;
        long started = Workflow.getInfo().getRunStartedTimestampMillis();
        metrics.ended(outcome, Duration.ofMillis(Workflow.currentTimeMillis() - started));
      }
    };
  }

  static String outcomeOf(Object result) {
    if (result instanceof EnrollmentResult enrollment && !enrollment.errors().isEmpty()) {
      return EnrollmentRunMetrics.INVALID;
    }
    return EnrollmentRunMetrics.SUCCEEDED;
  }
}
