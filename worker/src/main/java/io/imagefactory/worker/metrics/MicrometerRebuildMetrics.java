package io.imagefactory.worker.metrics;

import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildMetrics;
import io.imagefactory.rebuild.RunConclusion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/**
 * The rebuild activities' counts as Prometheus counters, by provider and outcome. The series of the
 * two built-in providers exist from the start at zero, so {@code increase()} sees the first failure
 * too.
 */
final class MicrometerRebuildMetrics implements RebuildMetrics {

  private static final List<String> PROVIDERS = List.of("github", "gitlab");
  private static final List<String> DISPATCH_OUTCOMES =
      List.of(
          RebuildDispatch.DISPATCHED,
          RebuildDispatch.RECORDED,
          RebuildDispatch.UNIDENTIFIED,
          REJECTED,
          RETRIED);
  private static final List<String> CONCLUSIONS =
      List.of(
          RunConclusion.SUCCEEDED,
          RunConclusion.FAILED,
          RunConclusion.CANCELLED,
          RunConclusion.TIMED_OUT,
          RunConclusion.NEVER_STARTED);

  private final MeterRegistry registry;

  MicrometerRebuildMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String provider : PROVIDERS) {
      DISPATCH_OUTCOMES.forEach(outcome -> dispatches(provider, outcome));
      CONCLUSIONS.forEach(conclusion -> runs(provider, conclusion));
    }
  }

  @Override
  public void dispatched(String provider, String outcome) {
    dispatches(provider, outcome).increment();
  }

  @Override
  public void runConcluded(String provider, String conclusion) {
    runs(provider, conclusion).increment();
  }

  private Counter dispatches(String provider, String outcome) {
    return Counter.builder(MetricNames.REBUILD_DISPATCHES)
        .description("Rebuild dispatch attempts, by CI provider and outcome")
        .tag("provider", provider)
        .tag("outcome", outcome)
        .register(registry);
  }

  private Counter runs(String provider, String conclusion) {
    return Counter.builder(MetricNames.REBUILD_RUNS)
        .description("Followed rebuild runs that ended, by CI provider and conclusion")
        .tag("provider", provider)
        .tag("conclusion", conclusion)
        .register(registry);
  }
}
