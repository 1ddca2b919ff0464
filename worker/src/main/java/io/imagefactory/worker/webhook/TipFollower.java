package io.imagefactory.worker.webhook;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the state repository's tip on a thread of its own, for a reader that keeps what it
 * derives from the state in memory (the webhook's index, the fleet gauges): right after each commit
 * this worker pushes, every interval otherwise (a fetch, which brings the commits of another
 * replica or a person), and when asked. What a read makes of a commit, and of a failed fetch, stays
 * with the reader.
 */
public final class TipFollower implements AutoCloseable {

  /** How long closing waits for a read under way. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final StateSnapshots snapshots;
  private final Duration interval;
  private final Consumer<String> read;
  private final Consumer<RuntimeException> failed;
  private final ScheduledExecutorService thread;

  /**
   * @param read what the reader does with a commit id, on the follower's thread
   * @param failed what the reader does when the tip could not be fetched
   */
  public TipFollower(
      String threadName,
      StateSnapshots snapshots,
      Duration interval,
      Consumer<String> read,
      Consumer<RuntimeException> failed) {
    this.snapshots = snapshots;
    this.interval = interval;
    this.read = read;
    this.failed = failed;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread follower = new Thread(runnable, threadName);
              follower.setDaemon(true);
              return follower;
            });
  }

  /** Reads the tip now in the background (the returned future), then follows commits and time. */
  public Future<?> start() {
    Future<?> first = thread.submit(this::refresh);
    snapshots.onCommit(commit -> thread.execute(() -> read.accept(commit)));
    long millis = interval.toMillis();
    thread.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    return first;
  }

  /** Fetches the tip and hands it to the reader, on the calling thread. */
  public void refresh() {
    try {
      read.accept(snapshots.tip());
    } catch (RuntimeException e) {
      failed.accept(e);
    }
  }

  /** Runs {@code task} on the follower's thread, after what is queued there. */
  public void execute(Runnable task) {
    thread.execute(task);
  }

  /** Waits until every read asked for so far has run; for tests, which never sleep. */
  public void awaitRefreshes() {
    CompletableFuture.runAsync(() -> {}, thread).join();
  }

  /**
   * Waits for a read under way: the state repository it reads from closes next, and a fetch must
   * not write into its cache after that.
   */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
