package io.imagefactory.worker.webhook;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/enrollment}: the state repository changed (a git push hook). Starts an
 * enrollment, or queues one more pass of the running one. The body, if any, is not read: a push
 * payload says nothing the enrollment does not read from the repository itself.
 */
@RestController
class EnrollmentController {

  private static final Logger log = LoggerFactory.getLogger(EnrollmentController.class);
  static final String REASON = "git push";

  private final EnrollmentRequester enrollments;

  EnrollmentController(EnrollmentRequester enrollments) {
    this.enrollments = enrollments;
  }

  @PostMapping("/api/v1/enrollment")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Requested requestEnrollment() {
    EnrollmentRequester.Outcome outcome = enrollments.request(EnrollmentRequest.of(REASON));
    log.info("Enrollment {} for {}", outcome.name().toLowerCase(Locale.ROOT), REASON);
    return new Requested(WorkflowIds.ENROLLMENT, outcome.name().toLowerCase(Locale.ROOT));
  }

  /**
   * The answer: which workflow runs the enrollment.
   *
   * @param outcome {@code started}, or {@code queued} behind the running pass
   */
  record Requested(String workflowId, String outcome) {}
}
