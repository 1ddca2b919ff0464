package io.imagefactory.worker.metrics;

import io.imagefactory.worker.webhook.StateSnapshots;
import io.imagefactory.worker.webhook.TipFollower;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link FleetState} of the state repository's tip, on a thread of its own: right after
 * each commit this worker pushes, and every {@link #REFRESH_INTERVAL} otherwise (a fetch, which
 * brings commits of other replicas and people). The gauges read it and never wait. It is computed
 * from git, not accumulated in this process, so it is right from the first read after a start, and
 * two replicas reading the same commit report the same values.
 */
final class FleetStateWatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetStateWatcher.class);

  // Prometheus scrapes every 30-60 s; the worker's own commits are followed at once.
  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

  private final StateSnapshots snapshots;
  private final Clock clock;
  private final TipFollower follower;
  private volatile FleetState current = FleetState.EMPTY;
  private volatile Instant checkedAt;
  private volatile String lastError;

  FleetStateWatcher(StateSnapshots snapshots, Clock clock) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.follower =
        new TipFollower(
            "fleet-metrics-refresh", snapshots, REFRESH_INTERVAL, this::load, this::failed);
  }

  /** Reads the tip in the background, then follows the writer's commits and the interval. */
  FleetStateWatcher start() {
    follower.start();
    return this;
  }

  /** The state last read; {@link FleetState#EMPTY} until the first read. */
  FleetState current() {
    return current;
  }

  /** When the state was last confirmed to be the tip; null before the first read. */
  Instant checkedAt() {
    return checkedAt;
  }

  /** Fetches the tip and reads it when it moved; on failure the state stays as it was. */
  void refresh() {
    follower.refresh();
  }

  /** Waits until every refresh asked for so far has run; for tests, which never sleep. */
  void awaitRefreshes() {
    follower.awaitRefreshes();
  }

  @Override
  public void close() {
    follower.close();
  }

  private void load(String commit) {
    try {
      FleetState state = current;
      if (!commit.equals(state.commit())) {
        current = state.next(commit, snapshots.read(commit));
      }
      checkedAt = clock.instant();
      lastError = null;
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!reason.equals(lastError)) {
      log.warn(
          "Fleet metrics not refreshed ({}); they stay at state commit {}",
          reason,
          current.commit());
    }
    lastError = reason;
  }
}
