package io.imagefactory.worker.metrics;

import io.imagefactory.fleet.ImageFacts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/**
 * The fleet as gauges, read from the {@link FleetStateWatcher}'s state at scrape time: images by
 * kind and status (every combination, zeros included, so a series never disappears), stale managed
 * images, and the age of the state they were computed from. Until the first read every gauge is
 * NaN, which no alert mistakes for zero.
 */
final class FleetGauges implements MeterBinder {

  private final FleetStateWatcher watcher;
  private final Clock clock;
  private final Duration staleAfter;

  FleetGauges(FleetStateWatcher watcher, Clock clock, Duration staleAfter) {
    this.watcher = watcher;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : ImageFacts.KINDS) {
      for (String status : ImageFacts.STATUSES) {
        Gauge.builder(MetricNames.IMAGES, this, g -> g.read(s -> s.count(kind, status)))
            .description("Images and bases in the state repository, by kind and status")
            .tag("kind", kind)
            .tag("status", status)
            .register(registry);
      }
    }
    Gauge.builder(
            MetricNames.IMAGES_STALE, this, g -> g.read(s -> s.stale(clock.instant(), staleAfter)))
        .description(
            "Managed images with no build for longer than image-factory.metrics.stale-after"
                + " while a newer base digest waits")
        .register(registry);
    Gauge.builder(MetricNames.STATE_SNAPSHOT_AGE, this, FleetGauges::age)
        .description("Seconds since the state the fleet gauges show was confirmed to be the tip")
        .register(registry);
  }

  private double read(ToDoubleFunction<FleetState> value) {
    FleetState state = watcher.current();
    return state.commit() == null ? Double.NaN : value.applyAsDouble(state);
  }

  private double age() {
    Instant checked = watcher.checkedAt();
    return checked == null
        ? Double.NaN
        : Duration.between(checked, clock.instant()).toMillis() / 1000.0;
  }
}
