package io.imagefactory.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts the Temporal workers once Temporal answers, in place of the starter's own launcher, which
 * fails the whole start when Temporal is away for 20 s. Tried once at start: then a namespace the
 * worker cannot use (see {@link SearchAttributeRegistration}) stops the start with the reason. If
 * Temporal does not answer, a background thread tries again with a growing pause and one WARN line
 * per attempt, while HTTP serves and readiness says DOWN; once Temporal answers, the search
 * attributes are checked and the workers start polling. Once they poll, {@code afterStart} runs
 * (the start-up enrollment), once.
 */
public final class TemporalWorkersStarter
    implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkersStarter.class);

  static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  private final WorkerFactory workers;
  private final WorkflowServiceStubs stubs;
  private final String target;
  private final String namespace;
  private final Runnable checkNamespace;
  private final Duration maxPause;
  private final Consumer<RuntimeException> refused;
  private final Runnable afterStart;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * @param checkNamespace what must hold before the first poll; throws {@link
   *     StatusRuntimeException} when Temporal does not answer, anything else when it never will
   * @param refused what to do when that check fails after the start, in the background: the
   *     application has to end, since no workflow could run
   * @param afterStart what to do once the workers poll; it must return at once
   */
  public TemporalWorkersStarter(
      WorkerFactory workers,
      WorkflowServiceStubs stubs,
      String target,
      String namespace,
      Runnable checkNamespace,
      Duration maxPause,
      Consumer<RuntimeException> refused,
      Runnable afterStart) {
    this.workers = workers;
    this.stubs = stubs;
    this.target = target;
    this.namespace = namespace;
    this.checkNamespace = checkNamespace;
    this.maxPause = maxPause;
    this.refused = refused;
    this.afterStart = afterStart;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    if (attempt(1, FIRST_PAUSE)) {
      return;
    }
    Thread retry = new Thread(this::retry, "temporal-workers-start");
    retry.setDaemon(true);
    retry.start();
  }

  /** Whether the workers run. */
  public boolean started() {
    return workers.isStarted();
  }

  private void retry() {
    Duration pause = FIRST_PAUSE;
    int attempt = 1;
    try {
      while (!stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
        attempt++;
        pause = min(pause.multipliedBy(2), maxPause);
        if (attempt(attempt, pause)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (stopped.getCount() > 0) {
        refused.accept(e);
      }
    }
  }

  /**
   * One try: reach the namespace, check it, start the workers.
   *
   * @return false when Temporal did not answer; the next try is {@code next} away
   */
  private boolean attempt(int attempt, Duration next) {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
      checkNamespace.run();
      synchronized (this) {
        if (stopped.getCount() == 0) {
          return true;
        }
        workers.start();
      }
      log.info(
          "Temporal workers started: namespace {} at {} answered{}",
          namespace,
          target,
          attempt == 1 ? "" : " at attempt " + attempt);
      afterStart.run();
      return true;
    } catch (StatusRuntimeException e) {
      log.warn(
          "Temporal namespace {} at {} cannot be used yet: {}; the workers start once it can,"
              + " next attempt in {} s (attempt {})",
          namespace,
          target,
          reason(e),
          next.toSeconds(),
          attempt);
      return false;
    }
  }

  /** The status, with a hint where the code alone leaves the operator guessing. */
  private String reason(StatusRuntimeException e) {
    String status = SearchAttributeRegistration.describe(e);
    return switch (e.getStatus().getCode()) {
      case NOT_FOUND -> status + " (the namespace does not exist there)";
      case UNAUTHENTICATED, PERMISSION_DENIED ->
          status + " (check the API key file or client certificate)";
      case UNAVAILABLE, DEADLINE_EXCEEDED -> status + " (Temporal is unreachable)";
      default -> status;
    };
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void destroy() {
    synchronized (this) {
      stopped.countDown();
    }
  }

  /** For messages: never a credential, only where and what. */
  @Override
  public String toString() {
    return "TemporalWorkersStarter[" + namespace + " at " + target + "]";
  }
}
