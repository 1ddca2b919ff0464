package io.imagefactory.worker.enrollment;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.worker.config.EnrollmentProperties;
import io.imagefactory.worker.config.ImageFactoryProperties;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The enrollments the worker asks for by itself: at start, and the drift checks. */
@Configuration(proxyBeanMethods = false)
class EnrollmentConfiguration {

  @Bean
  StartupEnrollment startupEnrollment(WorkflowClient client, ImageFactoryProperties properties) {
    EnrollmentProperties enrollment = properties.enrollment();
    return new StartupEnrollment(
        new EnrollmentRequester(client),
        enrollment.onStart(),
        new DriftCheck(client, enrollment.driftInterval()),
        properties.temporal().startRetryMaxInterval());
  }
}
