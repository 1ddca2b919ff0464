package io.imagefactory.worker.metrics;

import io.imagefactory.staterepo.LifecycleTransitions;
import io.imagefactory.staterepo.StateRepoMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The single writer's counts as Prometheus meters: commits by outcome, push retries, lifecycle
 * transitions, and the two rebuild latencies as histograms with fixed buckets.
 */
final class MicrometerStateRepoMetrics implements StateRepoMetrics {

  private final MeterRegistry registry;
  private final Counter pushRetries;
  private final Timer dispatchDelay;
  private final Timer buildDelay;

  MicrometerStateRepoMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.pushRetries =
        Counter.builder(MetricNames.STATE_PUSH_RETRIES)
            .description(
                "Pushes to the state repository rejected because the branch moved, re-applied")
            .register(registry);
    this.dispatchDelay =
        latency(
            MetricNames.REBUILD_DISPATCH_DELAY,
            "From a base digest first seen to the dispatch of the rebuild onto it");
    this.buildDelay =
        latency(
            MetricNames.REBUILD_BUILD_DELAY,
            "From a base digest first seen to the new build of the image rebuilt onto it");
    for (String outcome :
        new String[] {
          StateRepoMetrics.COMMITTED, StateRepoMetrics.UNCHANGED, StateRepoMetrics.FAILED
        }) {
      commits(outcome);
    }
    LifecycleTransitions.ALL.forEach(this::transitions);
  }

  @Override
  public void commit(String outcome, int retries) {
    commits(outcome).increment();
    if (retries > 0) {
      pushRetries.increment(retries);
    }
  }

  @Override
  public void transition(String transition, int count) {
    transitions(transition).increment(count);
  }

  private Counter transitions(String transition) {
    return Counter.builder(MetricNames.LIFECYCLE_TRANSITIONS)
        .description("Images and bases that changed their place in the fleet, by transition")
        .tag("transition", transition)
        .register(registry);
  }

  @Override
  public void rebuildDispatched(Duration sinceFirstSeen) {
    dispatchDelay.record(sinceFirstSeen);
  }

  @Override
  public void rebuildBuilt(Duration sinceFirstSeen) {
    buildDelay.record(sinceFirstSeen);
  }

  private Counter commits(String outcome) {
    return Counter.builder(MetricNames.STATE_COMMITS)
        .description("Batches the single writer applied to the state repository, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private Timer latency(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .serviceLevelObjectives(MetricNames.REBUILD_DELAY_BUCKETS.toArray(Duration[]::new))
        .register(registry);
  }
}
