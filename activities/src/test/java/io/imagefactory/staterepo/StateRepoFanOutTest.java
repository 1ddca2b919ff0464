package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.ManagedImageState;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A base with hundreds of dependents, on a worker far smaller than the fleet: few workflow threads,
 * a small workflow cache, few activity slots. Every dependent must get its candidate recorded in
 * git and be rebuilt exactly once after maturity, in a bounded number of commits: waiting
 * submissions must not hold workflow threads or activity slots, or the single writer stalls for
 * good.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StateRepoFanOutTest {

  private static final int DEPENDENTS = 300;
  private static final String BASELINE = "sha256:" + "1".repeat(64);
  private static final String FRESH = "sha256:" + "2".repeat(64);
  private static final Duration PHASE_LIMIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void everyDependentGetsItsCandidateRecordedAndOneRebuildOnASmallWorker() throws Exception {
    // Fewer threads and slots than dependents: one held per waiting submission exhausts them.
    TestEnvironmentOptions server =
        TestEnvironmentOptions.newBuilder()
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder()
                    .setMaxWorkflowThreadCount(100)
                    .setWorkflowCacheSize(50)
                    .build())
            .build();
    WorkerOptions worker =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(20)
            .setMaxConcurrentWorkflowTaskExecutionSize(10)
            .build();
    try (FanOutFleet fleet = new FanOutFleet(dir, DEPENDENTS, "1h", server, worker)) {
      fleet.enroll();
      fleet.baseDigest(BASELINE);
      assertThat(fleet.awaitBaseDigest(BASELINE, PHASE_LIMIT)).as("baseline recorded").isTrue();
      ObjectId enrolled = fleet.tip();

      fleet.baseDigest(FRESH);
      Map<String, ManagedImageState> recorded =
          awaitStates(fleet, s -> FanOutFleet.withDigest(s, FRESH) == DEPENDENTS, "candidates");
      assertThat(FanOutFleet.withDigest(recorded, FRESH)).isEqualTo(DEPENDENTS);
      int candidateCommits = fleet.commitsSince(enrolled);
      assertThat(candidateCommits).as("commits to record the candidates").isBetween(1, 6);
      assertThat(fleet.rebuilds.dispatched()).as("nothing is rebuilt before maturity").isZero();

      ObjectId candidates = fleet.tip();
      fleet.env.sleep(Duration.ofHours(1));
      Map<String, ManagedImageState> rebuilt =
          awaitStates(fleet, s -> FanOutFleet.rebuiltFor(s, FRESH) == DEPENDENTS, "rebuilds");
      assertThat(FanOutFleet.rebuiltFor(rebuilt, FRESH)).isEqualTo(DEPENDENTS);
      assertThat(fleet.rebuilds.dispatched()).isEqualTo(DEPENDENTS);
      assertThat(fleet.rebuilds.duplicates()).as("images rebuilt twice").isZero();
      assertThat(fleet.commitsSince(candidates))
          .as("commits to record the rebuilds")
          .isBetween(1, 8);
    }
  }

  /** Polls git until the state files satisfy {@code done}; fails with how far it got. */
  private static Map<String, ManagedImageState> awaitStates(
      FanOutFleet fleet, Predicate<Map<String, ManagedImageState>> done, String phase)
      throws Exception {
    long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
    ObjectId seen = null;
    Map<String, ManagedImageState> states = Map.of();
    while (System.nanoTime() < deadline) {
      ObjectId tip = fleet.tip();
      if (!tip.equals(seen)) {
        seen = tip;
        states = fleet.imageStates();
        if (done.test(states)) {
          return states;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        phase
            + " not recorded for every dependent within "
            + PHASE_LIMIT.toSeconds()
            + " s: candidates "
            + FanOutFleet.withDigest(states, FRESH)
            + ", rebuilds "
            + FanOutFleet.rebuiltFor(states, FRESH)
            + " of "
            + DEPENDENTS
            + ", "
            + fleet.rebuilds.dispatched()
            + " dispatched");
  }
}
