package io.imagefactory.worker.webhook;

import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.StateRepositoryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ImageDirectory} over the state repository: an in-memory index of the last good
 * snapshot, which request threads only read. One background thread keeps it current: right after
 * each commit this worker pushes (the writer's tip listener), every {@link #REFRESH_INTERVAL}
 * otherwise (a fetch, which is how commits pushed by another replica or a person arrive), and soon
 * after a lookup misses. A refresh that fails keeps the index as it was, and a state file that no
 * longer parses keeps its last good entry; {@link #freshness()} says how old the answers are.
 */
final class StateFileDirectory implements ImageDirectory, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StateFileDirectory.class);

  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);
  static final Duration MIN_AGE_FOR_MISS = Duration.ofSeconds(1);
  static final Duration FIRST_READ_WAIT = Duration.ofSeconds(5);

  private final StateSnapshots snapshots;
  private final Clock clock;
  private final TipFollower follower;
  private final AtomicBoolean missRefreshQueued = new AtomicBoolean();
  private volatile Snapshot current;
  private volatile String lastError;

  /** The index and where it came from. */
  private record Snapshot(StateFileIndex index, String commit, Instant checkedAt) {}

  StateFileDirectory(StateSnapshots snapshots, Clock clock) {
    this.snapshots = snapshots;
    this.clock = clock;
    this.follower =
        new TipFollower(
            "state-index-refresh", snapshots, REFRESH_INTERVAL, this::load, this::failed);
  }

  /**
   * Starts reading the first snapshot and waits for it up to {@link #FIRST_READ_WAIT} (a first
   * fetch of a large remote may take longer; lookups answer 503 until it is in, and a failure is
   * retried on the interval, never fatal), then follows the writer's commits and the interval.
   */
  StateFileDirectory start() {
    Future<?> first = follower.start();
    try {
      first.get(FIRST_READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.info("Webhook index: the state repository is still being read; lookups wait for it");
    } catch (ExecutionException e) {
      failed(new IllegalStateException(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return this;
  }

  @Override
  public List<Entry> find(String repoURL, String tag) {
    Snapshot snapshot = require();
    List<Entry> found = snapshot.index().find(repoURL, tag);
    if (found.isEmpty()
        && !snapshot.checkedAt().plus(MIN_AGE_FOR_MISS).isAfter(clock.instant())
        && missRefreshQueued.compareAndSet(false, true)) {
      // An image enrolled a moment ago on another replica: look again, off this thread.
      follower.execute(
          () -> {
            missRefreshQueued.set(false);
            follower.refresh();
          });
    }
    return found;
  }

  @Override
  public List<Entry> images() {
    return require().index().images();
  }

  @Override
  public StateSnapshot states() {
    return require().index().states();
  }

  @Override
  public Freshness freshness() {
    Snapshot snapshot = require();
    return new Freshness(
        snapshot.commit(),
        snapshot.checkedAt(),
        Duration.between(snapshot.checkedAt(), clock.instant()),
        lastError);
  }

  /** Fetches the tip and indexes it when it moved; on failure the index stays as it was. */
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
      Snapshot snapshot = current;
      Instant now = clock.instant();
      if (snapshot != null && snapshot.commit().equals(commit)) {
        current = new Snapshot(snapshot.index(), commit, now);
      } else {
        StateFileIndex previous = snapshot == null ? StateFileIndex.EMPTY : snapshot.index();
        current = new Snapshot(StateFileIndex.of(snapshots.read(commit), previous), commit, now);
        log.debug("Webhook index now at state commit {}", commit);
      }
      if (lastError != null) {
        log.info("Webhook index refreshed again at state commit {}", commit);
      }
      lastError = null;
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (!reason.equals(lastError)) {
      Snapshot snapshot = current;
      log.warn(
          "Webhook index not refreshed ({}); answering from {}",
          reason,
          snapshot == null ? "nothing yet" : "state commit " + snapshot.commit());
    }
    lastError = reason;
  }

  private Snapshot require() {
    Snapshot snapshot = current;
    if (snapshot == null) {
      String error = lastError;
      throw new StateRepositoryException(
          "not read since the worker started" + (error == null ? "" : " (" + error + ")"), true);
    }
    return snapshot;
  }
}
