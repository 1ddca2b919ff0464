package io.imagefactory.starter;

import io.imagefactory.HumanText;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentProgress;
import io.imagefactory.enrollment.EnrollmentRequester;
import io.imagefactory.enrollment.EnrollmentRequester.Outcome;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.ImageOutcome;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks for an enrollment and, when told to, follows it to its result: the outcome of each image is
 * printed once, as it appears, then the summary.
 */
final class EnrollmentRunner {

  private static final long POLL_MILLIS = 500;
  private static final Set<String> ANALYSED = Set.of("analysed", "failed", ImageOutcome.INVALID);

  private final WorkflowClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final Set<String> shown = new HashSet<>();
  private String phase;
  private int shownTenths = -1;

  /**
   * @param terminal true when a person watches the output: then the count of analysed images is
   *     shown as it grows, which a log or a pipe does not need
   */
  EnrollmentRunner(WorkflowClient client, PrintWriter out, PrintWriter err, boolean terminal) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  int run(EnrollmentRequest request, boolean wait, Duration timeout) {
    if (new EnrollmentRequester(client).request(request) == Outcome.STARTED) {
      out.println("Started enrollment (" + request.reason() + ").");
    } else {
      out.println("An enrollment is running; it will make one more pass for: " + request.reason());
    }
    if (!wait) {
      out.println(
          "Follow workflow '"
              + WorkflowIds.ENROLLMENT
              + "' in the Temporal UI, or pass --wait to see each image's outcome.");
      return ExitCodes.OK;
    }
    EnrollmentResult result = await(timeout);
    result.images().forEach(this::show);
    EnrollmentReport.summary(result).forEach(out::println);
    result.errors().forEach(error -> err.println("  error: " + error));
    return EnrollmentReport.exitCode(result);
  }

  /** Waits for the latest run, following continue-as-new, while polling its progress. */
  private EnrollmentResult await(Duration timeout) {
    CompletableFuture<EnrollmentResult> result =
        client
            .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
            .getResultAsync(timeout.toMillis(), TimeUnit.MILLISECONDS, EnrollmentResult.class);
    EnrollmentWorkflow progress =
        client.newWorkflowStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT);
    while (true) {
      try {
        return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        poll(progress);
      } catch (ExecutionException e) {
        throw failure(e.getCause(), timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw CommandFailure.ioError("interrupted while waiting for the enrollment");
      }
    }
  }

  private void poll(EnrollmentWorkflow workflow) {
    EnrollmentProgress progress;
    try {
      progress = workflow.progress();
    } catch (WorkflowException e) {
      // Between two runs there may be nothing to ask; the next poll will see the new run.
      return;
    }
    // Outcomes first: they belong to the phase that produced them, which may have just ended.
    progress.images().forEach(this::show);
    if (!progress.phase().equals(phase)) {
      phase = progress.phase();
      out.println("Enrollment: " + phase);
    }
    if (terminal && progress.total() > 0) {
      showCount(progress);
    }
    out.flush();
  }

  /** The analysed count at each tenth of the total, so 1,000 images give ten lines, not 1,000. */
  private void showCount(EnrollmentProgress progress) {
    // Unchanged, external and removed images are outcomes too, but not among those analysed.
    int analysed =
        (int) progress.images().stream().filter(i -> ANALYSED.contains(i.status())).count();
    int tenths = Math.min(10, analysed * 10 / progress.total());
    if (tenths > shownTenths) {
      shownTenths = tenths;
      out.println("  " + analysed + "/" + progress.total() + " analysed (" + phase + ")");
    }
  }

  private void show(ImageOutcome outcome) {
    if (shown.add(outcome.image() + "\n" + outcome.status() + "\n" + outcome.problems())) {
      out.println(EnrollmentReport.outcomeLine(outcome));
    }
  }

  private static RuntimeException failure(Throwable cause, Duration timeout) {
    if (cause instanceof TimeoutException) {
      return CommandFailure.ioError(
          "the enrollment is still running after "
              + HumanText.duration(timeout)
              + "; follow workflow '"
              + WorkflowIds.ENROLLMENT
              + "' in the Temporal UI");
    }
    if (cause instanceof WorkflowFailedException failed) {
      Throwable reason = failed.getCause() == null ? failed : failed.getCause();
      return CommandFailure.ioError("the enrollment failed: " + reason.getMessage());
    }
    return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
  }
}
