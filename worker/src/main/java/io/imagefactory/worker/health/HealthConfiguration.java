package io.imagefactory.worker.health;

import io.imagefactory.worker.temporal.TemporalWorkersStarter;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The worker's own health contributors; {@code temporal} is part of the readiness group. */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      WorkflowClient client, TemporalWorkersStarter workers, Environment environment) {
    return new TemporalHealthIndicator(
        client.getWorkflowServiceStubs(),
        environment.getProperty("spring.temporal.connection.target", "the test server"),
        workers::started);
  }
}
