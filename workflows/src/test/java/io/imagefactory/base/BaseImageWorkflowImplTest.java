package io.imagefactory.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.CommitOutcome;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BaseImageWorkflowImplTest {

  private static final String NODE = "node-22-bookworm-slim";

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

  private BaseImageWorkflow startBase(List<String> dependents, int continueAsNewAfter) {
    BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base(NODE));
    WorkflowClient.start(
        base::run,
        new BaseSetup(
            NODE,
            "docker.io/library/node",
            "22-bookworm-slim",
            dependents,
            null,
            null,
            List.of(),
            continueAsNewAfter,
            null,
            null,
            List.of()));
    return base;
  }

  private ImageWorkflow startImage(String name) {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(name));
    ImageConfig config =
        new ImageConfig(
            name,
            ImageKind.MANAGED,
            Duration.ofDays(7),
            true,
            List.of(NODE),
            List.of(),
            List.of(),
            new RebuildTarget("github", "org/" + name, "build.yml", "main", Map.of()),
            Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));
    return image;
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }

  @Test
  void theFirstDigestIsABaselineAndANewOneFansOutToEveryDependent() {
    ImageWorkflow api = startImage("api");
    ImageWorkflow web = startImage("web");
    BaseImageWorkflow base = startBase(List.of("api", "web"), 0);

    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(api.status().runtime().pending()).isEmpty();
    assertThat(base.status().state().currentDigest()).isEqualTo(digest(1));

    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2"));
    temporal.sleep(Duration.ofMinutes(1));
    for (ImageWorkflow image : List.of(api, web)) {
      List<PendingDigest> pending = image.status().runtime().pending();
      assertThat(pending).extracting(PendingDigest::digest).containsExactly(digest(2));
    }
    assertThat(api.status().runtime().pending().get(0).firstSeen())
        .isEqualTo(web.status().runtime().pending().get(0).firstSeen());
    assertThat(activities.submitted)
        .flatExtracting(b -> b.changes())
        .filteredOn(c -> c instanceof BaseDigestChange)
        .extracting(c -> ((BaseDigestChange) c).digest())
        .containsExactly(digest(1), digest(2));
  }

  @Test
  void aDigestSeenBeforeHasNoEffect() {
    ImageWorkflow api = startImage("api");
    BaseImageWorkflow base = startBase(List.of("api"), 0);
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));
    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2"));
    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2"));
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(api.status().runtime().pending()).hasSize(1);
    assertThat(base.status().state().currentDigest()).isEqualTo(digest(2));
    assertThat(activities.submitted)
        .flatExtracting(b -> b.changes())
        .filteredOn(c -> c instanceof BaseDigestChange)
        .hasSize(2);
  }

  @Test
  void reportsSentTogetherCountAsOneEachAndOnlyTheNewestFansOut() {
    ImageWorkflow api = startImage("api");
    BaseImageWorkflow base = startBase(List.of("api"), 0);
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1", t));
    temporal.sleep(Duration.ofMinutes(1));

    base.digestsSeen(
        List.of(
            new DigestSeen(digest(3), "22-bookworm-slim", "f3", t.plusSeconds(3)),
            new DigestSeen(digest(2), "22-bookworm-slim", "f2", t.plusSeconds(2))));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(base.status().state().currentDigest()).isEqualTo(digest(3));
    assertThat(base.status().state().recentDigests()).contains(digest(2), digest(1));
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(3));
  }

  @Test
  void aNewDigestReachesEveryDependentOfALargeFanOut() {
    List<String> names = new ArrayList<>();
    List<ImageWorkflow> images = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      names.add("app-" + i);
      images.add(startImage("app-" + i));
    }
    // A dependent without a workflow is skipped, not a reason to stop.
    names.add("gone");
    BaseImageWorkflow base = startBase(names, 0);
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));
    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2"));
    temporal.sleep(Duration.ofMinutes(1));

    for (ImageWorkflow image : images) {
      assertThat(image.status().runtime().pending())
          .extracting(PendingDigest::digest)
          .containsExactly(digest(2));
    }
  }

  @Test
  void aDigestRecordTheStateRepositoryRefusesIsSentAgainInOrder() {
    AtomicInteger refusals = new AtomicInteger(1);
    activities.refusal =
        batch -> refusals.getAndDecrement() > 0 ? "base-images/node.yaml does not exist" : null;
    BaseImageWorkflow base = startBase(List.of(), 0);
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));
    temporal.sleep(Duration.ofSeconds(5));
    assertThat(base.status().details()).contains("state repository behind");
    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2"));

    temporal.sleep(Duration.ofMinutes(2));
    assertThat(activities.submitted)
        .flatExtracting(b -> b.changes())
        .extracting(c -> ((BaseDigestChange) c).digest())
        .containsExactly(digest(1), digest(2));
    assertThat(base.status().details()).doesNotContain("behind");
  }

  @Test
  void continueAsNewKeepsTheDigestsItHasSeen() {
    BaseImageWorkflow base = startBase(List.of(), 15);
    String firstRun = runId();
    for (int i = 1; i <= 8; i++) {
      base.digestSeen(new DigestSeen(digest(i), "22-bookworm-slim", "f" + i));
      temporal.sleep(Duration.ofMinutes(1));
    }
    assertThat(runId()).isNotEqualTo(firstRun);
    base.digestSeen(new DigestSeen(digest(3), "22-bookworm-slim", "f3"));
    temporal.sleep(Duration.ofMinutes(1));
    BaseSetup state = base.status().state();
    assertThat(state.currentDigest()).isEqualTo(digest(8));
    assertThat(state.recentDigests()).hasSize(7).contains(digest(3));
  }

  @Test
  void anOlderDigestDeliveredAfterANewerOneAndDuplicatesHaveNoEffect() {
    ImageWorkflow api = startImage("api");
    BaseImageWorkflow base = startBase(List.of("api"), 0);
    Instant t = temporal.now();
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1", t));
    temporal.sleep(Duration.ofMinutes(1));
    base.digestSeen(new DigestSeen(digest(3), "22-bookworm-slim", "f3", t.plusSeconds(20)));
    temporal.sleep(Duration.ofMinutes(1));
    // Received before digest 3, delivered after it.
    base.digestSeen(new DigestSeen(digest(2), "22-bookworm-slim", "f2", t.plusSeconds(10)));
    // Redeliveries, received later.
    base.digestSeen(new DigestSeen(digest(3), "22-bookworm-slim", "f3", t.plusSeconds(90)));
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1", t.plusSeconds(91)));
    temporal.sleep(Duration.ofMinutes(1));

    BaseSetup state = base.status().state();
    assertThat(state.currentDigest()).isEqualTo(digest(3));
    assertThat(state.lastUpdated()).isEqualTo(t.plusSeconds(20));
    assertThat(state.recentDigests()).containsExactly(digest(1));
    assertThat(api.status().runtime().pending())
        .containsExactly(
            new PendingDigest(NODE, digest(3), t.plusSeconds(20)).replacing(digest(1)));
    assertThat(activities.submitted)
        .flatExtracting(b -> b.changes())
        .filteredOn(c -> c instanceof BaseDigestChange)
        .extracting(c -> ((BaseDigestChange) c).digest())
        .containsExactly(digest(1), digest(3));
  }

  @Test
  void continueAsNewWithUnacknowledgedRecordsLosesNothing() {
    // The writer commits, but its answers are lost: the outbox is never idle.
    activities.answers = false;
    BaseImageWorkflow base = startBase(List.of(), 15);
    String firstRun = runId();
    for (int i = 1; i <= 8; i++) {
      base.digestSeen(new DigestSeen(digest(i), "22-bookworm-slim", "f" + i, temporal.now()));
      temporal.sleep(Duration.ofMinutes(1));
    }
    // It continued as new although no batch of it was ever acknowledged.
    assertThat(runId()).isNotEqualTo(firstRun);
    assertThat(activities.acknowledged).isNotEmpty();

    // An answer to the first run's batch, redelivered to the next run, is stale there.
    Acknowledgement stale =
        new Acknowledgement(
            WorkflowIds.base(NODE),
            activities.acknowledged.get(0).batchId(),
            CommitOutcome.rejected("stale answer"));
    base.acknowledged(stale);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(base.status().details()).doesNotContain("stale answer");

    activities.answers = true;
    temporal.sleep(Duration.ofMinutes(30));

    List<String> recorded =
        activities.submitted.stream()
            .flatMap(b -> b.changes().stream())
            .map(c -> ((BaseDigestChange) c).digest())
            .toList();
    assertThat(recorded).containsAll(IntStream.rangeClosed(1, 8).mapToObj(i -> digest(i)).toList());
    assertThat(recorded.get(recorded.size() - 1)).isEqualTo(digest(8));
    assertThat(base.status().details()).doesNotContain("behind");
    assertThat(base.status().state().currentDigest()).isEqualTo(digest(8));
  }

  @Test
  void retiringEndsTheWorkflow() {
    BaseImageWorkflow base = startBase(List.of(), 0);
    base.retire();
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(
            temporal.client.newUntypedWorkflowStub(WorkflowIds.base(NODE)).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  private String runId() {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.base(NODE))
        .describe()
        .getExecution()
        .getRunId();
  }
}
