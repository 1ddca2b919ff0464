package io.imagefactory.worker.temporal;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.imagefactory.worker.config.SecretFile;
import io.imagefactory.worker.config.TemporalProperties;
import io.imagefactory.worker.enrollment.StartupEnrollment;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The worker's side of the Temporal connection: the API key file on every call, and the start of
 * the workers once Temporal answers and the namespace has the search attributes, followed by the
 * start-up enrollment.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  private static final Logger log = LoggerFactory.getLogger(TemporalConfiguration.class);

  static final String TARGET = "spring.temporal.connection.target";
  static final String API_KEY = "spring.temporal.connection.api-key";
  static final String ENABLE_HTTPS = "spring.temporal.connection.enable-https";

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalApiKeyFile(
      ImageFactoryProperties properties, Environment environment) {
    SecretFile apiKey = properties.temporal().apiKeyFile();
    if (apiKey == null) {
      return options -> options;
    }
    if (StringUtils.hasText(environment.getProperty(API_KEY))) {
      throw new IllegalStateException(
          "Both SPRING_TEMPORAL_CONNECTION_API_KEY and IMAGE_FACTORY_TEMPORAL_API_KEY_FILE are"
              + " set: set one (the file, so the key stays out of the environment)");
    }
    return new ApiKeyFileCustomizer(apiKey, environment.getProperty(ENABLE_HTTPS, Boolean.class));
  }

  @Bean
  TemporalWorkersStarter temporalWorkersStarter(
      WorkerFactory workers,
      WorkflowClient client,
      ImageFactoryProperties properties,
      Environment environment,
      ConfigurableApplicationContext context,
      ObjectProvider<StartupEnrollment> startup) {
    TemporalProperties temporal = properties.temporal();
    WorkflowServiceStubs stubs = client.getWorkflowServiceStubs();
    String target = target(environment);
    String namespace = client.getOptions().getNamespace();
    Runnable check =
        temporal.checkSearchAttributes()
            ? () -> checkSearchAttributes(stubs, target, namespace)
            : () -> {};
    return new TemporalWorkersStarter(
        workers,
        stubs,
        target,
        namespace,
        check,
        temporal.startRetryMaxInterval(),
        refusal -> {
          log.error("The worker stops: {}", refusal.getMessage());
          System.exit(SpringApplication.exit(context, () -> 1));
        },
        () -> startup.ifAvailable(StartupEnrollment::run));
  }

  @Bean
  GracefulWorkerShutdown gracefulWorkerShutdown(
      WorkerFactory workers, ImageFactoryProperties properties) {
    return new GracefulWorkerShutdown(workers, properties.temporal().shutdownGrace());
  }

  /** Where the worker's Temporal is, for messages; never with a credential. */
  static String target(Environment environment) {
    return environment.getProperty(TARGET, "the test server");
  }

  private static void checkSearchAttributes(
      WorkflowServiceStubs stubs, String target, String namespace) {
    // The same connection settings (TLS, API key) as the workflow service, on a channel of its own.
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(stubs.getOptions())
                .validateAndBuildWithDefaults());
    try {
      new SearchAttributeRegistration(
              operator, target, namespace, EntitySearchAttributes.DEFINITIONS)
          .ensure();
    } finally {
      operator.shutdownNow();
    }
  }
}
