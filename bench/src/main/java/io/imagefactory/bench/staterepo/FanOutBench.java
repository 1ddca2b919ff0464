package io.imagefactory.bench.staterepo;

import io.imagefactory.PayloadCompression;
import io.imagefactory.catalog.RebuildDelay;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.FanOutFleet;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Times the fan-out of one new base digest to N dependents through the real workflows and
 * activities: a real local git state repository, the in-process Temporal test server in real time
 * (no time skipping) and a worker with the SDK's default options, as the embedded worker runs. It
 * enrolls N images built on {@code node:22-bookworm-slim}, reports a baseline and then a new digest
 * of the base, and measures: the time until every state file holds the candidate and the commits
 * that took; the time from maturity until every rebuild is dispatched and recorded in git, and its
 * commits; and the images dispatched twice (must be 0).
 *
 * <pre>
 * mvn -B -ntp -q -DskipTests package -pl bench -am
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.FanOutBench 1000 1m
 * java -Xmx2g -cp bench/target/benchmarks.jar io.imagefactory.bench.staterepo.FanOutBench 10000 3m
 * </pre>
 */
public final class FanOutBench {

  private static final String BASELINE = "sha256:" + "1".repeat(64);
  private static final String FRESH = "sha256:" + "2".repeat(64);

  private FanOutBench() {}

  public static void main(String[] args) throws Exception {
    int dependents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    String delay = args.length > 1 ? args[1] : "1m";
    Duration limit = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 300);
    run(dependents, delay, limit);
  }

  /**
   * What one fan-out measured; times in seconds, negative for a phase that stalled or was not
   * reached.
   */
  public record Result(
      int dependents,
      double candidatesSeconds,
      int candidateCommits,
      double dispatchedSeconds,
      double recordedSeconds,
      int rebuildCommits,
      long duplicates) {}

  /**
   * Runs one fan-out to {@code dependents}, printing its progress, and returns what it measured.
   */
  public static Result run(int dependents, String delay, Duration limit) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Path work = BenchRepos.tempDir("fan-out-bench");
    TestEnvironmentOptions server =
        TestEnvironmentOptions.newBuilder()
            .setUseTimeskipping(false)
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadCompression.dataConverter())
                    .build())
            .build();
    try (FanOutFleet fleet =
        new FanOutFleet(work, dependents, delay, server, WorkerOptions.getDefaultInstance())) {
      long start = System.nanoTime();
      fleet.enroll();
      System.out.printf(
          "enrolled %d images in %.1f s%n", dependents, seconds(System.nanoTime() - start));
      fleet.baseDigest(BASELINE);
      if (!fleet.awaitBaseDigest(BASELINE, limit)) {
        throw new IllegalStateException("the baseline digest was never recorded");
      }
      ObjectId before = fleet.tip();

      start = System.nanoTime();
      fleet.baseDigest(FRESH);
      Progress candidates =
          await(
              fleet,
              limit,
              s -> FanOutFleet.withDigest(s, FRESH) == dependents,
              s -> FanOutFleet.withDigest(s, FRESH));
      long candidatesTook = candidates.at - start;
      int candidateCommits = fleet.commitsSince(before);
      report("candidates recorded", dependents, candidates, candidatesTook, candidateCommits);
      commitCalls(fleet, start);
      if (!candidates.done) {
        return new Result(dependents, -1, candidateCommits, -1, -1, 0, 0);
      }

      ObjectId recorded = fleet.tip();
      Instant maturity = maturity(candidates.states, delay);
      long untilMaturity =
          Duration.between(Instant.ofEpochMilli(fleet.env.currentTimeMillis()), maturity)
              .toMillis();
      if (untilMaturity > 0) {
        Thread.sleep(untilMaturity);
      }
      start = System.nanoTime();
      long[] dispatchedAt = {0};
      Progress rebuilds =
          await(
              fleet,
              limit,
              s -> {
                if (dispatchedAt[0] == 0 && fleet.rebuilds.dispatched() == dependents) {
                  dispatchedAt[0] = System.nanoTime();
                }
                return FanOutFleet.rebuiltFor(s, FRESH) == dependents;
              },
              s -> FanOutFleet.rebuiltFor(s, FRESH));
      int rebuildCommits = fleet.commitsSince(recorded);
      if (dispatchedAt[0] == 0 && fleet.rebuilds.dispatched() == dependents) {
        dispatchedAt[0] = System.nanoTime();
      }
      System.out.printf(
          "rebuilds dispatched: %d of %d images%s%n",
          fleet.rebuilds.dispatched(),
          dependents,
          dispatchedAt[0] == 0
              ? ""
              : String.format(" in %.1f s after maturity", seconds(dispatchedAt[0] - start)));
      report("rebuilds recorded", dependents, rebuilds, rebuilds.at - start, rebuildCommits);
      commitCalls(fleet, start);
      // Anything still in flight would show up as a second rebuild now.
      Thread.sleep(5_000);
      System.out.printf(
          "duplicates: %d image(s) rebuilt twice; %d dispatch call(s) in all%n",
          fleet.rebuilds.duplicates(), fleet.rebuilds.calls.get());
      return new Result(
          dependents,
          seconds(candidatesTook),
          candidateCommits,
          dispatchedAt[0] == 0 ? -1 : seconds(dispatchedAt[0] - start),
          rebuilds.done ? seconds(rebuilds.at - start) : -1,
          rebuildCommits,
          fleet.rebuilds.duplicates());
    } finally {
      BenchRepos.delete(work);
    }
  }

  private record Progress(
      boolean done, long at, long count, Map<String, ManagedImageState> states) {}

  /** Polls git on every new tip until {@code done}, or gives up after {@code limit}. */
  private static Progress await(
      FanOutFleet fleet,
      Duration limit,
      Predicate<Map<String, ManagedImageState>> done,
      ToLongFunction<Map<String, ManagedImageState>> count)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    ObjectId seen = null;
    Map<String, ManagedImageState> states = Map.of();
    while (System.nanoTime() < deadline) {
      ObjectId tip = fleet.tip();
      if (!tip.equals(seen)) {
        seen = tip;
        states = fleet.imageStates();
      }
      if (done.test(states)) {
        return new Progress(true, System.nanoTime(), count.applyAsLong(states), states);
      }
      Thread.sleep(50);
    }
    return new Progress(false, System.nanoTime(), count.applyAsLong(states), states);
  }

  private static void report(
      String phase, int dependents, Progress progress, long took, int commits) {
    if (progress.done) {
      System.out.printf(
          "%s: all %d in %.1f s, %d commit(s)%n", phase, dependents, seconds(took), commits);
    } else {
      System.out.printf(
          "%s: STALLED at %d of %d after %.0f s, %d commit(s)%n",
          phase, progress.count, dependents, seconds(took), commits);
    }
  }

  /** The candidates were all first seen at the same moment, the base's. */
  private static Instant maturity(Map<String, ManagedImageState> states, String delay) {
    Instant firstSeen =
        states.values().stream()
            .flatMap(s -> s.rebuildState().candidates().stream())
            .filter(c -> c.digest().equals(FRESH))
            .map(PendingDigest::firstSeen)
            .max(Instant::compareTo)
            .orElseThrow();
    return firstSeen.plus(RebuildDelay.parse(delay));
  }

  /** The writer's commit activity calls since {@code start}: when, how many batches, how long. */
  private static void commitCalls(FanOutFleet fleet, long start) {
    for (FanOutFleet.TimedCommits.Call call : fleet.commits.since(start)) {
      System.out.printf(
          "  commit at +%.1f s: %d batch(es) (%d KB in), %d ms%s%n",
          seconds(call.startedNanos() - start),
          call.batches(),
          call.inputBytes() / 1024,
          call.tookMillis(),
          call.changed() ? "" : " (no change)");
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
