package io.imagefactory.worker.enrollment;

import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the worker asks of Temporal once its workers poll: an enrollment (reason {@value #REASON}),
 * so a lost namespace is whole again from git without anyone calling {@code enroll}, and the drift
 * workflow with this worker's interval. It runs on a thread of its own, so the start is never held
 * up, and tries again with a growing pause while Temporal refuses; an enrollment already running
 * takes the request as one more pass.
 */
public final class StartupEnrollment implements Runnable, AutoCloseable {

  static final String REASON = "worker start";
  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(StartupEnrollment.class);

  private final EnrollmentRequester enrollments;
  private final boolean onStart;
  private final DriftCheck drift;
  private final Duration maxPause;
  private final CountDownLatch stopped = new CountDownLatch(1);

  StartupEnrollment(
      EnrollmentRequester enrollments, boolean onStart, DriftCheck drift, Duration maxPause) {
    this.enrollments = enrollments;
    this.onStart = onStart;
    this.drift = drift;
    this.maxPause = maxPause;
  }

  /** Starts the requests in the background and returns at once. */
  @Override
  public void run() {
    Thread thread = new Thread(this::request, "startup-enrollment");
    thread.setDaemon(true);
    thread.start();
  }

  private void request() {
    boolean enrolled = !onStart;
    boolean drifting = false;
    Duration pause = FIRST_PAUSE;
    for (int attempt = 1; stopped.getCount() > 0; attempt++) {
      try {
        if (!enrolled) {
          EnrollmentRequester.Outcome outcome = enrollments.request(EnrollmentRequest.of(REASON));
          log.info(
              "Enrollment {} at worker start",
              outcome == EnrollmentRequester.Outcome.STARTED ? "started" : "queued");
          enrolled = true;
        }
        if (!drifting) {
          drift.apply();
          log.info("Drift workflow: {}", drift);
          drifting = true;
        }
        return;
      } catch (RuntimeException e) {
        log.warn(
            "Cannot ask Temporal for the start-up enrollment yet ({}); next attempt in {} s"
                + " (attempt {})",
            e.getClass().getSimpleName(),
            pause.toSeconds(),
            attempt);
      }
      try {
        if (stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      pause = pause.multipliedBy(2).compareTo(maxPause) <= 0 ? pause.multipliedBy(2) : maxPause;
    }
  }

  @Override
  public void close() {
    stopped.countDown();
  }
}
