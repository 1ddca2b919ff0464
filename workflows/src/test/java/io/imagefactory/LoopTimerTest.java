package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An image's soak timer under a flood of new digests that do not move its first maturity: the loop
 * keeps the one timer it has, rather than starting and cancelling one for each signal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopTimerTest {

  private static final String NODE = "node-22-bookworm-slim";
  private static final Duration WEEK = Duration.ofDays(7);

  private WorkflowTestEnvironment temporal;

  @AfterEach
  void stop() {
    temporal.close();
  }

  @Test
  void aFloodOfLaterCandidatesKeepsTheSoakTimer() {
    temporal = new WorkflowTestEnvironment(new RecordingActivities());
    ImageConfig config =
        new ImageConfig(
            "api",
            ImageKind.MANAGED,
            WEEK,
            true,
            List.of(NODE),
            List.of(),
            List.of(),
            new RebuildTarget(
                "github", "example-org/api", ".github/workflows/build.yml", "main", Map.of()),
            Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageWorkflow api =
        temporal.client.newWorkflowStub(
            ImageWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowId(WorkflowIds.image("api"))
                .build());
    WorkflowClient.start(api::run, new ImageSetup(config, ImageRuntime.empty()));
    BaseUpdate update = new BaseUpdate(NODE, "sha256:" + "1".repeat(64), temporal.now());
    api.baseUpdated(update);
    temporal.sleep(Duration.ofMinutes(5));
    int before = HistorySummaries.of(temporal.client, WorkflowIds.image("api")).timers().size();

    // Each new digest is a candidate of its own; the first still matures first.
    for (int i = 2; i <= 26; i++) {
      api.baseUpdated(new BaseUpdate(NODE, String.format("sha256:%064x", i), temporal.now()));
      assertThat(api.status().runtime().pending()).isNotEmpty();
    }
    temporal.sleep(Duration.ofMinutes(5));

    List<String> timers = HistorySummaries.of(temporal.client, WorkflowIds.image("api")).timers();
    assertThat(before).isPositive();
    // The record's send timer and the soak take turns as the earliest due: a few timers, not one
    // started and cancelled per signal (25 more).
    assertThat(timers).hasSizeLessThanOrEqualTo(before + 5);
    assertThat(timers).anySatisfy(t -> assertThat(t).startsWith("soak " + NODE));
  }
}
