package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.DISTROLESS;
import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static io.imagefactory.image.ImageWorkflowFixtures.managed;
import static io.imagefactory.image.ImageWorkflowFixtures.pinning;
import static io.imagefactory.image.ImageWorkflowFixtures.withDependents;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An image workflow under bursts: of candidates, of builds, of signals with the writer behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageWorkflowBurstTest {

  private static final Duration WEEK = Duration.ofDays(7);

  private RecordingActivities activities;
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private ImageWorkflow start(ImageSetup setup) {
    ImageWorkflow workflow =
        temporal.newStub(ImageWorkflow.class, WorkflowIds.image(setup.config().name()));
    WorkflowClient.start(workflow::run, setup);
    return workflow;
  }

  @Test
  void aBurstOfCandidatesFromOneBaseGivesOneRebuildOfTheNewest() {
    // Pinned inputs build exactly the matured digests: the case that rebuilt once per candidate.
    ImageWorkflow api = start(new ImageSetup(pinning(managed("api", WEEK, true, NODE)), null));
    Instant t0 = temporal.now();
    for (int i = 1; i <= 40; i++) {
      api.baseUpdated(new BaseUpdate(NODE, digest(i), t0.plusSeconds(i)));
    }
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1), digest(40));
    assertThat(api.status().runtime().eligibleAt()).isEqualTo(t0.plusSeconds(40).plus(WEEK));

    temporal.sleep(WEEK.plusMinutes(5));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).baseDigests()).isEqualTo(Map.of(NODE, digest(40)));
    assertThat(api.status().runtime().pending()).isEmpty();
    temporal.sleep(WEEK);
    assertThat(activities.rebuilds).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(ImageKind.class)
  void aBuildReceivedBeforeTheCurrentOneOrSeenTwiceHasNoEffect(ImageKind kind) {
    ImageConfig config =
        kind == ImageKind.MANAGED
            ? withDependents(managed("api", WEEK, true, NODE), "reports")
            : new ImageConfig(
                "api",
                ImageKind.EXTERNAL,
                WEEK,
                false,
                List.of(),
                List.of(),
                List.of("reports"),
                null,
                Map.of(),
                false,
                List.of(),
                null,
                null,
                null,
                null);
    ImageWorkflow api = start(new ImageSetup(config, null));
    ImageWorkflow reports = start(new ImageSetup(managed("reports", WEEK, true, "api"), null));
    Instant t = temporal.now();
    api.built(new ImageBuild(digest(1), "1", t));
    temporal.sleep(Duration.ofMinutes(1));
    api.built(new ImageBuild(digest(3), "3", t.plusSeconds(20)));
    temporal.sleep(Duration.ofMinutes(1));
    // Received before build 3, delivered after it; then build 3 redelivered.
    api.built(new ImageBuild(digest(2), "2", t.plusSeconds(10)));
    api.built(new ImageBuild(digest(3), "3", t.plusSeconds(90)));
    temporal.sleep(Duration.ofMinutes(1));

    ImageRuntime runtime = api.status().runtime();
    assertThat(runtime.currentDigest()).isEqualTo(digest(3));
    assertThat(runtime.lastBuilt()).isEqualTo(t.plusSeconds(20));
    assertThat(reports.status().runtime().pending())
        .containsExactly(
            new PendingDigest("api", digest(3), t.plusSeconds(20), true).replacing(digest(1)));
  }

  @Test
  void continuingAsNewUnderAFloodWithUnacknowledgedRecordsLosesNothing() {
    // The writer commits, but its answers are lost: the outbox is never idle.
    activities.answers = false;
    ImageWorkflow api =
        start(new ImageSetup(managed("api", WEEK, true, NODE, DISTROLESS), null, 30));
    String firstRun = runId();
    for (int i = 1; i <= 12; i++) {
      api.baseUpdated(new BaseUpdate(i % 2 == 0 ? NODE : DISTROLESS, digest(i), temporal.now()));
      temporal.sleep(Duration.ofMinutes(10));
    }
    assertThat(runId()).isNotEqualTo(firstRun);
    assertThat(api.status().runtime().pending()).hasSize(12);

    activities.answers = true;
    temporal.sleep(Duration.ofMinutes(40));
    List<ImageRuntime> recorded =
        activities.submitted.stream()
            .flatMap(b -> b.changes().stream())
            .map(c -> ((ImageRuntimeChange) c).runtime())
            .toList();
    assertThat(recorded.get(recorded.size() - 1).pending()).hasSize(12);
    assertThat(api.status().details()).doesNotContain("behind");
  }

  private String runId() {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.image("api"))
        .describe()
        .getExecution()
        .getRunId();
  }
}
