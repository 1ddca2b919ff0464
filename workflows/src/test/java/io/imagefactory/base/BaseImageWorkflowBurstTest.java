package io.imagefactory.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.staterepo.BaseDigestChange;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.WorkflowReplayer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A burst of Kargo events for one base (issue: a burst defeated coalescing). The workflows are
 * started and the first burst signalled before the worker polls, so the whole burst waits in one
 * inbox, in shuffled order and with duplicates, as parallel webhook requests deliver it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BaseImageWorkflowBurstTest {

  private static final String NODE = "node-22-bookworm-slim";
  private static final String TAG = "22-bookworm-slim";
  private static final Duration DELAY = Duration.ofHours(1);
  private static final int FIRST_BURST = 300;
  private static final int SECOND_BURST = 200;
  private static final int CONTINUE_AS_NEW_AFTER = 100;
  private static final List<String> DEPENDENTS = List.of("api", "web", "worker");

  private RecordingActivities activities;
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    activities = new RecordingActivities();
    temporal = WorkflowTestEnvironment.withWorkerStopped(activities);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void aBurstFansOutOnlyItsNewestDigestAndRebuildsEachDependentOnce() throws Exception {
    List<ImageWorkflow> images = DEPENDENTS.stream().map(this::startImage).toList();
    BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base(NODE));
    Instant t0 = temporal.now();
    String firstRun =
        WorkflowClient.start(
                base::run,
                new BaseSetup(
                    NODE,
                    "docker.io/library/node",
                    TAG,
                    DEPENDENTS,
                    digest(0),
                    t0.minus(Duration.ofDays(1)),
                    List.of(),
                    CONTINUE_AS_NEW_AFTER,
                    null,
                    null,
                    List.of()))
            .getRunId();
    List<Integer> order = new ArrayList<>(IntStream.rangeClosed(1, FIRST_BURST).boxed().toList());
    order.addAll(List.of(7, 150, FIRST_BURST, 0));
    Collections.shuffle(order, new Random(42));
    for (int i : order) {
      base.digestSeen(new DigestSeen(digest(i), TAG, "f" + i, t0.plusMillis(i)));
    }

    temporal.startWorker();
    temporal.sleep(Duration.ofSeconds(20));

    BaseSetup state = base.status().state();
    assertThat(state.currentDigest()).isEqualTo(digest(FIRST_BURST));
    assertThat(state.lastUpdated()).isEqualTo(t0.plusMillis(FIRST_BURST));
    assertThat(state.recentDigests()).hasSize(20).startsWith(digest(FIRST_BURST - 1));
    for (ImageWorkflow image : images) {
      assertThat(image.status().runtime().pending())
          .containsExactly(
              new PendingDigest(NODE, digest(FIRST_BURST), t0.plusMillis(FIRST_BURST))
                  .replacing(digest(0)));
    }
    for (String dependent : DEPENDENTS) {
      assertThat(baseUpdatedSignals(dependent)).as(dependent).isEqualTo(1);
    }
    // The history is long at once: the first run hands the untaken inbox to the next.
    List<WorkflowExecutionHistory> runs = runs(firstRun);
    assertThat(runs).hasSizeGreaterThan(1);
    BaseSetup carried = continuedWith(runs.get(0));
    assertThat(carried.carried().inbox()).hasSize(order.size());
    // One record of the burst; the older digests ride along, as many as the state file keeps.
    assertThat(recordedDigests())
        .containsExactlyElementsOf(
            IntStream.rangeClosed(FIRST_BURST - 20, FIRST_BURST).mapToObj(i -> digest(i)).toList());

    Instant t1 = temporal.now();
    for (int i = FIRST_BURST + 1; i <= FIRST_BURST + SECOND_BURST; i++) {
      signal(base, new DigestSeen(digest(i), TAG, "f" + i, t1.plusMillis(i)));
    }
    temporal.sleep(Duration.ofSeconds(20));

    int newest = FIRST_BURST + SECOND_BURST;
    assertThat(base.status().state().currentDigest()).isEqualTo(digest(newest));
    List<String> recorded = recordedDigests();
    assertThat(recorded.get(recorded.size() - 1)).isEqualTo(digest(newest));
    assertThat(base.status().details()).doesNotContain("behind").doesNotContain("fanning out");
    runs = runs(firstRun);
    for (WorkflowExecutionHistory run : runs) {
      assertThat(run.getEvents().size()).isLessThan(CONTINUE_AS_NEW_AFTER + FIRST_BURST + 50);
    }
    for (ImageWorkflow image : images) {
      // The first and the newest candidate of a burst are kept, the ones between are not.
      assertThat(image.status().runtime().pending())
          .extracting(PendingDigest::digest)
          .containsExactly(digest(FIRST_BURST), digest(newest));
    }

    temporal.sleep(DELAY.plusMinutes(5));
    for (String dependent : DEPENDENTS) {
      List<RebuildRequest> rebuilds =
          activities.rebuilds.stream().filter(r -> r.image().equals(dependent)).toList();
      assertThat(rebuilds).as(dependent).hasSize(1);
      assertThat(rebuilds.get(0).baseDigests()).isEqualTo(Map.of(NODE, digest(newest)));
    }
    for (WorkflowExecutionHistory run : runs(firstRun)) {
      WorkflowReplayer.replayWorkflowExecution(run, BaseImageWorkflowImpl.class);
    }
  }

  /**
   * The test server's continue-as-new is not atomic (temporalio/sdk-java#1538): a signal sent in
   * between is refused as sent to a completed run, where a real server has the client retry.
   */
  private static void signal(BaseImageWorkflow base, DigestSeen event) {
    for (int attempt = 1; ; attempt++) {
      try {
        base.digestSeen(event);
        return;
      } catch (WorkflowNotFoundException e) {
        if (attempt == 1_000) {
          throw e;
        }
      }
    }
  }

  private ImageWorkflow startImage(String name) {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(name));
    ImageConfig config =
        new ImageConfig(
            name,
            ImageKind.MANAGED,
            DELAY,
            true,
            List.of(NODE),
            List.of(),
            List.of(),
            new RebuildTarget("github", "org/" + name, "build.yml", "main", Map.of()),
            Map.of(),
            true,
            List.of(),
            null,
            null,
            null,
            null);
    WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));
    return image;
  }

  /** The base digests the writer committed, in the order it applied them. */
  private List<String> recordedDigests() {
    return activities.submitted.stream()
        .flatMap(b -> b.changes().stream())
        .filter(c -> c instanceof BaseDigestChange)
        .map(c -> ((BaseDigestChange) c).digest())
        .toList();
  }

  private long baseUpdatedSignals(String image) {
    return temporal.client.fetchHistory(WorkflowIds.image(image)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .filter(
            e ->
                e.getWorkflowExecutionSignaledEventAttributes()
                    .getSignalName()
                    .equals("baseUpdated"))
        .count();
  }

  /** Every run of the base from {@code runId} on, following its continue-as-new chain. */
  private List<WorkflowExecutionHistory> runs(String runId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String next = runId;
    while (next != null) {
      WorkflowExecutionHistory run = temporal.client.fetchHistory(WorkflowIds.base(NODE), next);
      runs.add(run);
      HistoryEvent last = run.getLastEvent();
      next =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  private static BaseSetup continuedWith(WorkflowExecutionHistory run) {
    HistoryEvent last = run.getLastEvent();
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0,
        Optional.of(last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput()),
        BaseSetup.class,
        BaseSetup.class);
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }
}
