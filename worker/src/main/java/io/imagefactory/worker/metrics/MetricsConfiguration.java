package io.imagefactory.worker.metrics;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.rebuild.RebuildMetrics;
import io.imagefactory.staterepo.StateRepoMetrics;
import io.imagefactory.worker.webhook.ImageEventOutcomes;
import io.imagefactory.worker.webhook.StateSnapshots;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's fleet metrics on {@code /actuator/prometheus}: the counters the activities, the
 * enrollment and the webhook record through their small interfaces, and the gauges computed from
 * the state repository's tip. The Temporal autoconfiguration picks up the {@link WorkerInterceptor}
 * bean for every worker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
public class MetricsConfiguration {

  @Bean
  RebuildMetrics rebuildMetrics(MeterRegistry registry) {
    return new MicrometerRebuildMetrics(registry);
  }

  @Bean
  StateRepoMetrics stateRepoMetrics(MeterRegistry registry) {
    return new MicrometerStateRepoMetrics(registry);
  }

  @Bean
  ImageEventOutcomes imageEventOutcomes(MeterRegistry registry) {
    return new WebhookEventMetrics(registry);
  }

  @Bean
  WorkerInterceptor enrollmentRunInterceptor(MeterRegistry registry) {
    return new EnrollmentRunInterceptor(new EnrollmentRunMetrics(registry));
  }

  @Bean(destroyMethod = "close")
  FleetStateWatcher fleetStateWatcher(StateSnapshots snapshots, Clock clock) {
    return new FleetStateWatcher(snapshots, clock).start();
  }

  /** One series per CI host the providers go to, as the rebuild budget counts them. */
  @Bean(destroyMethod = "close")
  RebuildQueueGauges rebuildQueueGauges(WorkflowClient client, BudgetLimits limits) {
    Set<String> hosts = new TreeSet<>(List.of(limits.hostOf("github"), limits.hostOf("gitlab")));
    return new RebuildQueueGauges(client, hosts).start();
  }

  @Bean
  FleetGauges fleetGauges(FleetStateWatcher watcher, Clock clock, MetricsProperties properties) {
    return new FleetGauges(watcher, clock, properties.staleAfter());
  }
}
