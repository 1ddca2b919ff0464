package io.imagefactory.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/** Counts enrollment runs by outcome and records how long each took. */
final class EnrollmentRunMetrics {

  /** The run ended without errors. */
  static final String SUCCEEDED = "succeeded";

  /** {@code images.yaml} was invalid, or the writer rejected the enrollment: nothing changed. */
  static final String INVALID = "invalid";

  /** The run failed (an activity gave up, a bug). */
  static final String FAILED = "failed";

  /** The run continued as new to serve requests that arrived meanwhile. */
  static final String CONTINUED = "continued";

  static final List<String> OUTCOMES = List.of(SUCCEEDED, INVALID, FAILED, CONTINUED);

  private final MeterRegistry registry;

  EnrollmentRunMetrics(MeterRegistry registry) {
    this.registry = registry;
    OUTCOMES.forEach(outcome -> runs(outcome));
  }

  void ended(String outcome, Duration took) {
    runs(outcome).increment();
    Timer.builder(MetricNames.ENROLLMENT_DURATION)
        .description("How long enrollment runs took, by outcome")
        .tag("outcome", outcome)
        .serviceLevelObjectives(MetricNames.ENROLLMENT_BUCKETS.toArray(Duration[]::new))
        .register(registry)
        .record(took.isNegative() ? Duration.ZERO : took);
  }

  private Counter runs(String outcome) {
    return Counter.builder(MetricNames.ENROLLMENTS)
        .description("Enrollment runs, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
