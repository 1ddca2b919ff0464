package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.BaseSummaries;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.drift.DriftRequest;
import io.imagefactory.drift.DriftWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflowImplTest;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageSummaries;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What an operator reads in the Temporal UI, read back from the history events' user metadata: the
 * static summary and details of each entity workflow, and the summary of every activity and timer
 * it schedules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TemporalUiSummariesTest {

  private static final String NODE = "node-22-bookworm-slim";
  private static final String SECRET = "s3cr3t-token-value";
  private static final Duration WEEK = Duration.ofDays(7);

  private WorkflowTestEnvironment temporal;

  @AfterEach
  void stop() {
    temporal.close();
  }

  private <T> T stub(Class<T> type, String id, String summary, String details) {
    return temporal.client.newWorkflowStub(
        type,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.MAIN)
            .setWorkflowId(id)
            .setStaticSummary(summary)
            .setStaticDetails(details)
            .build());
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }

  @Test
  void anImageSaysWhatItSoaksDispatchesAndFollowsAndNeverAnInputValue() {
    RecordingActivities activities = new RecordingActivities();
    activities.startsRuns = true;
    temporal = new WorkflowTestEnvironment(activities);
    ImageConfig config =
        new ImageConfig(
            "api",
            ImageKind.MANAGED,
            WEEK,
            true,
            List.of(NODE),
            List.of(),
            List.of("web"),
            new RebuildTarget(
                "github",
                "example-org/api",
                ".github/workflows/build.yml",
                "main",
                Map.of("token", SECRET)),
            Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageWorkflow api =
        stub(
            ImageWorkflow.class,
            WorkflowIds.image("api"),
            ImageSummaries.workflow(config),
            ImageSummaries.details(config));
    WorkflowClient.start(api::run, new ImageSetup(config, ImageRuntime.empty()));
    Instant firstSeen = temporal.now();
    api.baseUpdated(new BaseUpdate(NODE, digest(1), firstSeen));

    temporal.sleep(WEEK.plusMinutes(5));

    assertThat(activities.rebuilds).hasSize(1);
    HistorySummaries history = HistorySummaries.of(temporal.client, WorkflowIds.image("api"));
    assertThat(history.started())
        .containsExactly(
            "managed image api: rebuilt 7d 0h after a base update",
            "bases: "
                + NODE
                + "\ndependents: web\n"
                + "rebuilds: github example-org/api .github/workflows/build.yml on main\n");
    assertThat(history.timers())
        .anySatisfy(
            t ->
                assertThat(t)
                    .startsWith(
                        "soak "
                            + NODE
                            + " sha256:000000000000… for api until "
                            + firstSeen.plus(WEEK).toString().substring(0, 10)));
    assertThat(history.activities())
        .contains("dispatch build.yml for api#1", "follow run 1 of api#1");
    assertThat(history.activities()).allSatisfy(a -> assertThat(a).isNotBlank());
    assertThat(history.timers()).allSatisfy(t -> assertThat(t).isNotBlank());
    assertThat(history.activities())
        .contains("start the rebuild budget with api's request for a slot");
    HistorySummaries budget = HistorySummaries.of(temporal.client, WorkflowIds.REBUILD_BUDGET);
    assertThat(budget.activities()).isNotEmpty().allSatisfy(a -> assertThat(a).isNotBlank());
    assertThat(budget.timers()).allSatisfy(t -> assertThat(t).isNotBlank());
    assertThat(history.activities()).noneMatch(a -> a.contains(SECRET));
    assertThat(history.started()).noneMatch(s -> s.contains(SECRET));
  }

  @Test
  void aBaseAndTheWriterSayWhatTheyRecordAndCommit() {
    RecordingActivities activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
    BaseSetup setup =
        new BaseSetup(
            NODE,
            "docker.io/library/node",
            "22-bookworm-slim",
            List.of("api"),
            null,
            null,
            List.of(),
            0,
            null,
            null,
            List.of());
    BaseImageWorkflow base =
        stub(
            BaseImageWorkflow.class,
            WorkflowIds.base(NODE),
            BaseSummaries.workflow(setup),
            BaseSummaries.details(setup));
    WorkflowClient.start(base::run, setup);
    base.digestSeen(new DigestSeen(digest(1), "22-bookworm-slim", "f1"));

    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.commits.get()).isEqualTo(1);
    HistorySummaries history = HistorySummaries.of(temporal.client, WorkflowIds.base(NODE));
    assertThat(history.started())
        .containsExactly(
            "base image docker.io/library/node:22-bookworm-slim: fans new digests out to its"
                + " dependents",
            "dependents at start: api");
    assertThat(history.activities())
        .containsExactly("start the state-repo writer with base/" + NODE + "'s batch");
    assertThat(history.timers())
        .isNotEmpty()
        .allSatisfy(
            t -> assertThat(t).startsWith("send " + NODE + "'s digest record to the state-repo"));
    HistorySummaries writer = HistorySummaries.of(temporal.client, WorkflowIds.STATE_REPO);
    assertThat(writer.activities())
        .containsExactly(
            "commit and push 1 batch(es) from base/" + NODE,
            "answer 1 submitter(s) with their commit");
    assertThat(writer.timers())
        .singleElement()
        .satisfies(t -> assertThat(t).startsWith("batch window: gather more changes for "));
  }

  @Test
  void anEnrollmentSaysWhatItReadsAnalysesStartsRetiresAndWaitsFor() {
    var deploying =
        new EnrollmentWorkflowImplTest.DeployingActivities(AwaitSyncResult.Status.SYNCED);
    var catalog = EnrollmentWorkflowImplTest.sampleCatalog();
    deploying.plan = catalog.plan();
    temporal = new WorkflowTestEnvironment(deploying, catalog);

    stub(
            EnrollmentWorkflow.class,
            WorkflowIds.ENROLLMENT,
            EnrollmentWorkflow.STATIC_SUMMARY,
            EnrollmentWorkflow.STATIC_DETAILS)
        .run(EnrollmentRequest.of("git push"));

    HistorySummaries history = HistorySummaries.of(temporal.client, WorkflowIds.ENROLLMENT);
    assertThat(history.started())
        .containsExactly(EnrollmentWorkflow.STATIC_SUMMARY, EnrollmentWorkflow.STATIC_DETAILS);
    assertThat(history.activities())
        .contains(
            "read images.yaml and the state files at the tip (git push)",
            "analyse 2 Dockerfile(s) in org/a",
            "analyse 1 Dockerfile(s) in org/b",
            "analyse 1 Dockerfile(s) in the state repository",
            "start the state-repo writer with enrollment's batch",
            "start or reconfigure the image and base workflows of c1",
            "retire 1 image(s) and 1 base(s) that left images.yaml",
            "wait for Argo CD to sync c1; then mark 1 base(s) watched");
    assertThat(history.timers())
        .isNotEmpty()
        .allSatisfy(
            t -> assertThat(t).startsWith("wait for the state-repo writer to commit 1 change(s)"));
  }

  @Test
  void theDriftCheckSaysWhenItChecksNext() {
    RecordingActivities activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
    Instant start = temporal.now();
    DriftWorkflow drift =
        stub(
            DriftWorkflow.class,
            WorkflowIds.DRIFT,
            DriftWorkflow.STATIC_SUMMARY,
            DriftWorkflow.STATIC_DETAILS);
    WorkflowClient.start(drift::run, new DriftRequest(Duration.ofHours(1)));

    temporal.sleep(Duration.ofMinutes(61));

    assertThat(activities.enrollmentRequests).hasSize(1);
    HistorySummaries history = HistorySummaries.of(temporal.client, WorkflowIds.DRIFT);
    assertThat(history.started())
        .containsExactly(DriftWorkflow.STATIC_SUMMARY, DriftWorkflow.STATIC_DETAILS);
    assertThat(history.timers())
        .first()
        .satisfies(
            t ->
                assertThat(t)
                    .startsWith(
                        "next drift check at "
                            + start.plus(Duration.ofHours(1)).toString().substring(0, 13))
                    .endsWith("(every PT1H)"));
    assertThat(history.activities())
        .containsExactly("ask for an enrollment that re-analyses images whose source commit moved");
  }
}
