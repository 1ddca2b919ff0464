package io.imagefactory;

import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.enrollment.EnrollmentRequest;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflowImplTest;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageRuntime;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoSettings;
import io.imagefactory.staterepo.StateRepoWorkflow;
import io.imagefactory.staterepo.StateRepoWorkflowImplTest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Records the histories {@link WorkflowReplayTest} replays; runs only when asked to. */
@EnabledIfSystemProperty(named = "image-factory.record-histories", matches = "true")
class WorkflowHistoryRecorder {

  @Test
  void recordsImageAndBaseHistories() throws Exception {
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(new RecordingActivities())) {
      ImageConfig web =
          new ImageConfig(
              "web", ImageKind.MANAGED, Duration.ofDays(7), false, List.of("node-22"), List.of(),
              List.of(), new RebuildTarget("github", "org/web", "build.yml", "main", Map.of()), Map.of(), false,
              List.of());
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("web"));
      WorkflowClient.start(image::run, new ImageSetup(web, ImageRuntime.empty()));
      BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base("node-22"));
      WorkflowClient.start(
          base::run,
          new BaseSetup("node-22", "docker.io/library/node", "22", List.of("web"), null, null, List.of(), 0));
      base.digestSeen(new DigestSeen("sha256:" + "1".repeat(64), "22", "f1"));
      base.digestSeen(new DigestSeen("sha256:" + "2".repeat(64), "22", "f2"));
      temporal.sleep(Duration.ofHours(1));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "3".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofDays(8));
      image.approve("recorder");
      image.built(new ImageBuild("sha256:" + "4".repeat(64), "2", temporal.now()));
      image.rebuildNow("recorder");
      temporal.sleep(Duration.ofMinutes(5));
      image.unenroll();
      base.retire();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("web")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.base("node-22")).getResult(Void.class);
      write(temporal, "image--approval-rebuild-now.json", WorkflowIds.image("web"));
      write(temporal, "base--dependents-before-record.json", WorkflowIds.base("node-22"));
    }
  }

  @Test
  void recordsARebuildWhoseRunIsFollowed() throws Exception {
    RecordingActivities ci = new RecordingActivities();
    ci.startsRuns = true;
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(ci)) {
      ImageConfig api =
          new ImageConfig(
              "api", ImageKind.MANAGED, Duration.ofDays(1), true, List.of("node-22"), List.of(),
              List.of(), new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()));
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "1".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofDays(1).plusMinutes(5));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "2".repeat(64), temporal.now()));
      ci.conclusions.put("1", new RunConclusion(RunConclusion.FAILED, "u", "failed", temporal.now()));
      temporal.sleep(Duration.ofHours(2));
      ci.conclusions.put("2", new RunConclusion(RunConclusion.SUCCEEDED, "u", "ok", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.built(new ImageBuild("sha256:" + "3".repeat(64), "2", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.unenroll();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      write(temporal, "image--run-failed-retried-succeeded.json", WorkflowIds.image("api"));
    }
  }

  @Test
  void recordsStateRepoHistory() throws Exception {
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(new StateRepoWorkflowImplTest.InMemoryRepo())) {
      StateRepoWorkflow writer = temporal.newStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
      WorkflowClient.start(writer::run, new StateRepoSettings(Duration.ofMillis(100), 25, Map.of()));
      StateRepoWorkflow existing = temporal.existing(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
      for (int i = 0; i < 3; i++) {
        existing.submit(
            new StateChangeBatch(
                "b" + i, "image/api",
                List.of(new BaseDigestChange("node-22", "sha256:" + i, Instant.EPOCH))));
      }
      write(temporal, "state-repo--three-batches.json", WorkflowIds.STATE_REPO);
    }
  }

  @Test
  void recordsEnrollmentHistory() throws Exception {
    EnrollmentWorkflowImplTest.FixedCatalog catalog = EnrollmentWorkflowImplTest.sampleCatalog();
    RecordingActivities recording = new RecordingActivities();
    recording.plan = catalog.plan();
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(recording, catalog)) {
      temporal.newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT).run(EnrollmentRequest.of("recorder"));
      write(temporal, "enrollment--analyse-commit-start.json", WorkflowIds.ENROLLMENT);
    }
  }

  @Test
  void recordsEnrollmentThroughTheArgoCdWait() throws Exception {
    EnrollmentWorkflowImplTest.DeployingActivities deploying =
        new EnrollmentWorkflowImplTest.DeployingActivities(AwaitSyncResult.Status.SYNCED);
    deploying.plan = EnrollmentWorkflowImplTest.sampleCatalog().plan();
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(deploying, EnrollmentWorkflowImplTest.sampleCatalog())) {
      temporal.newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT).run(EnrollmentRequest.of("recorder"));
      write(temporal, "enrollment--deploy-and-mark-watched.json", WorkflowIds.ENROLLMENT);
    }
  }

  private static void write(WorkflowTestEnvironment temporal, String file, String workflowId)
      throws Exception {
    WorkflowStub stub = temporal.client.newUntypedWorkflowStub(workflowId);
    String history = temporal.client.fetchHistory(workflowId, stub.getExecution().getRunId()).toJson(true);
    Files.writeString(WorkflowReplayTest.HISTORIES.resolve(file), history);
  }
}
