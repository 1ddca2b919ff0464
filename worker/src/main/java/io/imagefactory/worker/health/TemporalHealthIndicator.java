package io.imagefactory.worker.health;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the worker can reach its Temporal frontend. Part of readiness: a worker that cannot
 * deliver a Kargo event to a workflow should not be sent one, so the Service routes around it until
 * Temporal answers again. Its details say whether the workers poll yet: a worker started while
 * Temporal was away starts them once it answers.
 */
public class TemporalHealthIndicator extends AbstractHealthIndicator {

  /** A frontend that takes longer than this to answer a system-info call counts as down. */
  static final Duration DEADLINE = Duration.ofSeconds(2);

  private final WorkflowServiceStubs stubs;
  private final String target;
  private final BooleanSupplier workersStarted;

  public TemporalHealthIndicator(
      WorkflowServiceStubs stubs, String target, BooleanSupplier workersStarted) {
    super("Temporal health check failed");
    this.stubs = stubs;
    this.target = target;
    this.workersStarted = workersStarted;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      builder.up().withDetail("target", target);
    } catch (StatusRuntimeException e) {
      builder
          .down()
          .withDetail("target", target)
          .withDetail("reason", "cannot reach Temporal: " + e.getStatus().getCode());
    }
    builder.withDetail("workers", workersStarted.getAsBoolean() ? "polling" : "not started");
  }
}
