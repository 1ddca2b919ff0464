package io.imagefactory.argocd;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imagefactory.argocd.AwaitSyncResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls an Application until {@link SyncEvaluator} has a verdict or the deadline passes. A read
 * that fails for a transient reason (API server restarting, network) is logged and polled again;
 * being denied access is not transient and is thrown.
 */
final class SyncWaiter {

  /** Waits between polls; tests substitute one that advances a fake clock. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Logger log = LoggerFactory.getLogger(SyncWaiter.class);

  private final ArgoCdStatusReader reader;
  private final Duration pollInterval;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RevisionHistory history;

  SyncWaiter(ArgoCdStatusReader reader, Duration pollInterval, Clock clock, Sleeper sleeper) {
    this(reader, pollInterval, clock, sleeper, RevisionHistory.SAME_COMMIT);
  }

  SyncWaiter(
      ArgoCdStatusReader reader,
      Duration pollInterval,
      Clock clock,
      Sleeper sleeper,
      RevisionHistory history) {
    this.reader = reader;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.sleeper = sleeper;
    this.history = history;
  }

  /**
   * Waits for {@code revision} on the Application {@code namespace/name}.
   *
   * @param heartbeat called after every poll, so the caller can prove it is alive
   */
  AwaitSyncResult await(
      String namespace, String name, String revision, Instant deadline, Runnable heartbeat)
      throws InterruptedException {
    String app = namespace + "/" + name;
    ApplicationStatus last = null;
    String lastError = null;
    while (true) {
      try {
        Optional<ApplicationStatus> status = reader.read(namespace, name);
        if (status.isEmpty()) {
          return new AwaitSyncResult(
              Status.MISSING_APPLICATION, "Argo CD Application " + app + " does not exist", null);
        }
        if (last == null || !last.summary().equals(status.get().summary())) {
          log.info(
              "Argo CD Application {} {}, waiting for {}", app, status.get().summary(), revision);
        }
        last = status.get();
        lastError = null;
        Optional<AwaitSyncResult> verdict = SyncEvaluator.evaluate(last, revision, history);
        if (verdict.isPresent()) {
          return verdict.get();
        }
      } catch (KubernetesClientException e) {
        if (e.getCode() == 401 || e.getCode() == 403) {
          throw e;
        }
        lastError = "reading it failed: " + e.getMessage();
        log.warn("Reading Argo CD Application {} failed, will poll again", app, e);
      }
      heartbeat.run();
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        return timedOut(app, revision, last, lastError);
      }
      Duration left = Duration.between(now, deadline);
      sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
    }
  }

  private static AwaitSyncResult timedOut(
      String app, String revision, ApplicationStatus last, String lastError) {
    StringBuilder message =
        new StringBuilder("Argo CD Application " + app + " did not report " + revision)
            .append(" synced and healthy in time");
    if (last != null) {
      message.append("; last seen ").append(last.summary());
      last.conditions().forEach(c -> message.append("; ").append(c));
    }
    if (lastError != null) {
      message.append("; ").append(lastError);
    }
    String observed =
        last == null || last.syncRevisions().isEmpty() ? null : last.syncRevisions().get(0);
    return new AwaitSyncResult(Status.TIMED_OUT, message.toString(), observed);
  }
}
