package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the rebuild activities count: one line per dispatch attempt and per ended run. */
class RebuildActivitiesMetricsTest {

  private final List<String> counted = new ArrayList<>();
  private final RebuildMetrics metrics =
      new RebuildMetrics() {
        @Override
        public void dispatched(String provider, String outcome) {
          counted.add("dispatch " + provider + " " + outcome);
        }

        @Override
        public void runConcluded(String provider, String conclusion) {
          counted.add("run " + provider + " " + conclusion);
        }
      };

  /** A CI that has finished every run it is asked about. */
  private static final CiProvider FINISHED_CI =
      new CiProvider() {
        @Override
        public String name() {
          return "github";
        }

        @Override
        public RebuildDispatch dispatch(CiDispatch dispatch) {
          RunRef run = new RunRef("github", dispatch.repo(), "7", "https://ci/7");
          return new RebuildDispatch(RebuildDispatch.DISPATCHED, run.url(), "sent", run);
        }

        @Override
        public Optional<RunConclusion> conclusion(RunRef run) {
          return Optional.of(
              new RunConclusion(RunConclusion.FAILED, run.url(), "tests failed", Instant.EPOCH));
        }
      };

  private static RebuildRequest request(RebuildTarget target) {
    return new RebuildRequest("web", "web#1", target, "timer", Map.of(), Map.of(), Instant.EPOCH);
  }

  @Test
  void countsRecordedSentAndRefusedDispatchesAndTheRunsConclusion() {
    RebuildActivities recording = RebuildActivitiesImpl.forTests(List.of(), null, () -> 1, metrics);
    RebuildActivities sending =
        RebuildActivitiesImpl.forTests(List.of(FINISHED_CI), null, () -> 1, metrics);
    RebuildTarget gitlab = new RebuildTarget("gitlab", "group/web", null, "main", Map.of());
    RebuildTarget github = new RebuildTarget("github", "org/web", "build.yml", "main", Map.of());

    recording.dispatchRebuild(request(gitlab));
    RebuildDispatch sent = sending.dispatchRebuild(request(github));
    sending.awaitRun(sent.run());
    assertThatThrownBy(() -> sending.dispatchRebuild(request(null)))
        .isInstanceOf(ApplicationFailure.class);

    assertThat(counted)
        .containsExactly(
            "dispatch gitlab recorded",
            "dispatch github dispatched",
            "run github failed",
            "dispatch github rejected");
  }
}
