package io.imagefactory.worker.webhook;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.worker.temporal.TemporalDeadline;
import io.imagefactory.worker.webhook.ImageEventSignals.Delivery;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * The answer to a delivery whose owners are not all running: an enrollment is requested to start
 * them, and the sender is told (503, Retry-After) to deliver again once they are.
 */
final class NotRunningOwners {

  private NotRunningOwners() {}

  /**
   * Returns when every owner got its signal; else requests an enrollment, the reason starting with
   * {@code cause}, and throws the 503 naming the owners not running and the signals sent.
   */
  static void requireRunning(
      Delivery delivery, String cause, TemporalDeadline temporal, EnrollmentRequester enrollments) {
    if (delivery.notRunning().isEmpty()) {
      return;
    }
    temporal.call(
        () ->
            enrollments.request(
                EnrollmentRequest.of(cause + ": " + delivery.notRunning() + " not running")));
    ApiProblem retry =
        ApiProblem.unavailable(
            String.join(", ", delivery.notRunning())
                + " not running yet; an enrollment was requested to start it; retry later",
            Map.of("notRunning", delivery.notRunning(), "signals", delivery.sent()));
    retry.getHeaders().set(HttpHeaders.RETRY_AFTER, ImageEventController.RETRY_AFTER_SECONDS);
    throw retry;
  }
}
