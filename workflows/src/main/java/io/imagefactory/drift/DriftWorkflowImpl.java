package io.imagefactory.drift;

import io.imagefactory.UiSummaries;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * A timer loop: wait one interval, ask for a drift enrollment (started, or queued behind a running
 * one, where requests merge), and again; every {@link #CHECKS_PER_RUN} checks the loop continues as
 * new, so its history stays small however long it runs. A timer loop rather than a Temporal
 * Schedule: it runs on every server, the test server included, and the worker owns its interval. A
 * changed interval wakes the wait and starts the count again.
 */
public class DriftWorkflowImpl implements DriftWorkflow {

  static final String REASON = "drift check";
  static final int CHECKS_PER_RUN = 100;

  private static final Logger log = Workflow.getLogger(DriftWorkflowImpl.class);

  private final EnrollmentRequestActivities enrollments =
      UiSummaries.activities(
          EnrollmentRequestActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build(),
          "ask for an enrollment that re-analyses images whose source commit moved");

  private DriftRequest current;
  private DriftRequest next;

  @Override
  public void run(DriftRequest request) {
    current = request;
    // Signal-with-start may hand the start's own request to configure before run begins.
    if (request.equals(next)) {
      next = null;
    }
    int checks = 0;
    while (!current.off()) {
      Instant due = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(current.interval());
      String check = "next drift check at " + due + " (every " + current.interval() + ")";
      Workflow.setCurrentDetails(check);
      if (UiSummaries.await(current.interval(), check, () -> next != null)) {
        log.info("drift: interval changed from {} to {}", current.interval(), next.interval());
        current = next;
        next = null;
        continue;
      }
      enrollments.requestEnrollment(EnrollmentRequest.drift(REASON));
      if (++checks >= CHECKS_PER_RUN) {
        Workflow.continueAsNew(current);
      }
    }
    Workflow.setCurrentDetails("drift checks switched off");
    log.info("drift: switched off");
  }

  @Override
  public void configure(DriftRequest request) {
    DriftRequest pending = next != null ? next : current;
    if (!request.equals(pending)) {
      next = request;
    }
  }
}
