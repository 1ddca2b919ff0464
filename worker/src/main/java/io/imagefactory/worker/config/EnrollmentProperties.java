package io.imagefactory.worker.config;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code image-factory.enrollment.*}: the enrollments the worker asks for by itself.
 *
 * @param onStart run an enrollment once the workers poll, so a lost namespace (the embedded
 *     server's after every restart) is whole again from git
 * @param driftInterval how often to re-analyse the images whose source branch moved; {@code 0}
 *     switches the drift check off
 */
public record EnrollmentProperties(
    @DefaultValue("true") boolean onStart, @DefaultValue("1h") Duration driftInterval) {

  public EnrollmentProperties {
    if (driftInterval == null || driftInterval.isNegative()) {
      throw new IllegalArgumentException(
          "image-factory.enrollment.drift-interval must be 0 (off) or a positive duration");
    }
  }
}
