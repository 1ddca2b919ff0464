package io.imagefactory.worker.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On SIGTERM, stops the Temporal workers' polling and waits, up to the grace period, for the
 * workflow and activity tasks already running to finish and report. The starter only calls {@link
 * WorkerFactory#shutdown()} when it destroys the factory, which does not wait: the JVM then ends
 * with the Temporal client closed under a running activity (a GitHub dispatch, a push), whose
 * result is lost and whose work another replica repeats after the activity's timeout. This bean
 * stops first, while the client still works. What does not finish in time is left to Temporal: its
 * timeout hands it to another replica.
 */
public final class GracefulWorkerShutdown implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GracefulWorkerShutdown.class);

  private final WorkerFactory workers;
  private final Duration grace;
  private volatile boolean running;

  /**
   * @param grace how long running tasks may take; below the pod's {@code
   *     terminationGracePeriodSeconds}, so the kubelet does not kill the JVM first
   */
  public GracefulWorkerShutdown(WorkerFactory workers, Duration grace) {
    this.workers = workers;
    this.grace = grace;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    if (!workers.isStarted() || workers.isShutdown()) {
      return;
    }
    log.info(
        "Temporal workers stop polling; running tasks have up to {} s to finish",
        grace.toSeconds());
    long started = System.nanoTime();
    workers.shutdown();
    workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (workers.isTerminated()) {
      log.info("Temporal workers stopped after {} ms, every running task finished", tookMillis);
    } else {
      log.warn(
          "Temporal workers still had running tasks after {} s; Temporal retries them on another"
              + " worker once they time out",
          grace.toSeconds());
      workers.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Before the web server's graceful shutdown: webhooks only signal Temporal, which still works.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
