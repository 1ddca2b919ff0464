package io.imagefactory.worker.webhook;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's collaborators and its two filters, in the order they run on {@code /api/*}: the bearer
 * token first (nothing is read from an unauthenticated caller), then the body size limit.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  static final String API = "/api/*";
  static final String SCAN_PATH = "/api/v1/events/scan";

  @Bean
  WebhookToken webhookToken(ImageFactoryProperties properties) {
    return WebhookToken.of(properties.webhook());
  }

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(WebhookToken token, JsonMapper json) {
    FilterRegistrationBean<BearerTokenFilter> registration =
        new FilterRegistrationBean<>(new BearerTokenFilter(token, new ProblemWriter(json)));
    registration.addUrlPatterns(API);
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
      ImageFactoryProperties properties, JsonMapper json) {
    int limit = Math.toIntExact(properties.webhook().maxBodySize().toBytes());
    int reportLimit = Math.toIntExact(properties.scan().maxReportSize().toBytes());
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new BodySizeLimitFilter(
                limit, Map.of(SCAN_PATH, reportLimit), new ProblemWriter(json)));
    registration.addUrlPatterns(API);
    registration.setOrder(2);
    return registration;
  }

  @Bean(destroyMethod = "close")
  ImageDirectory imageDirectory(StateSnapshots snapshots, Clock clock) {
    return new StateFileDirectory(snapshots, clock).start();
  }

  @Bean
  ImageEventSignals imageEventSignals(WorkflowClient client) {
    return new ImageEventSignals(client);
  }

  @Bean
  ScanSignals scanSignals(WorkflowClient client) {
    return new ScanSignals(client);
  }

  @Bean
  EnrollmentRequester enrollmentRequester(WorkflowClient client) {
    return new EnrollmentRequester(client);
  }
}
