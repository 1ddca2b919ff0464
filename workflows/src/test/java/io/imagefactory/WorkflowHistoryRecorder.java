package io.imagefactory;

import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.drift.DriftRequest;
import io.imagefactory.drift.DriftWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.EnrollmentWorkflowImplTest;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.signature.RecordedSignatures;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoSettings;
import io.imagefactory.staterepo.StateRepoWorkflow;
import io.imagefactory.staterepo.StateRepoWorkflowImplTest;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.Scans;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Records the histories {@link WorkflowReplayTest} replays; runs only when asked to. */
@EnabledIfSystemProperty(named = "image-factory.record-histories", matches = "true")
class WorkflowHistoryRecorder {

  @Test
  void recordsImageAndBaseHistories() throws Exception {
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(new RecordingActivities())) {
      // web cascades to reports, which has no workflow: the cascade skips it.
      ImageConfig web =
          new ImageConfig(
              "web",
              ImageKind.MANAGED,
              Duration.ofDays(7),
              false,
              List.of("node-22"),
              List.of(),
              List.of("reports"),
              new RebuildTarget("github", "org/web", "build.yml", "main", Map.of()),
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("web"));
      WorkflowClient.start(image::run, new ImageSetup(web, ImageRuntime.empty()));
      // More dependents than one fan-out window; only web runs, the others are skipped.
      List<String> dependents = new ArrayList<>(List.of("web"));
      for (int i = 0; i < 120; i++) {
        dependents.add("gone-" + i);
      }
      BaseImageWorkflow base =
          temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base("node-22"));
      WorkflowClient.start(
          base::run,
          new BaseSetup(
              "node-22",
              "docker.io/library/node",
              "22",
              dependents,
              null,
              null,
              List.of(),
              0,
              null,
              null,
              List.of()));
      // One event as sent before the reception time was carried, one with it.
      base.digestSeen(new DigestSeen("sha256:" + "1".repeat(64), "22", "f1"));
      base.digestSeen(
          new DigestSeen("sha256:" + "2".repeat(64), "22", "f2", temporal.now().plusSeconds(1)));
      temporal.sleep(Duration.ofHours(1));
      // An enrollment reconfigures the base with the same dependents.
      base.configure(
          new BaseSetup(
              "node-22",
              "docker.io/library/node",
              "22",
              dependents,
              null,
              null,
              List.of(),
              0,
              null,
              null,
              List.of()));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "3".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofDays(8));
      image.approve("recorder");
      image.built(new ImageBuild("sha256:" + "4".repeat(64), "2", temporal.now()));
      image.rebuildNow("recorder");
      temporal.sleep(Duration.ofMinutes(5));
      // The first build was the baseline; this one cascades to reports and asks for an enrollment.
      image.built(new ImageBuild("sha256:" + "5".repeat(64), "3", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.unenroll();
      base.retire();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("web")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.base("node-22")).getResult(Void.class);
      write(temporal, "image--approval-rebuild-now-cascade.json", WorkflowIds.image("web"));
      write(temporal, "base--fan-out-in-windows.json", WorkflowIds.base("node-22"));
    }
  }

  @Test
  void recordsADigestHeldForItsSignatureThenAVerifiedOneBuilt() throws Exception {
    RecordingActivities activities = new RecordingActivities();
    RecordedSignatures signatures = new RecordedSignatures();
    signatures.signedBy.put("sha256:" + "3".repeat(64), "keys/cosign.pub");
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(activities, signatures)) {
      ImageConfig api =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22"),
              List.of(),
              List.of(),
              new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      BaseImageWorkflow base =
          temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base("node-22"));
      VerifyRule rule =
          new VerifyRule(
              "docker.io/library/*", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
      WorkflowClient.start(
          base::run,
          new BaseSetup(
                  "node-22",
                  "docker.io/library/node",
                  "22",
                  List.of("api"),
                  null,
                  null,
                  List.of(),
                  0,
                  null,
                  null,
                  List.of())
              .withVerify(rule));
      base.digestSeen(new DigestSeen("sha256:" + "1".repeat(64), "22", "f1"));
      temporal.sleep(Duration.ofMinutes(1));
      base.digestSeen(new DigestSeen("sha256:" + "2".repeat(64), "22", "f2"));
      temporal.sleep(Duration.ofDays(2));
      base.digestSeen(new DigestSeen("sha256:" + "3".repeat(64), "22", "f3"));
      temporal.sleep(Duration.ofDays(1).plusMinutes(5));
      image.unenroll();
      base.retire();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.base("node-22")).getResult(Void.class);
      write(temporal, "image--held-for-signature-then-verified.json", WorkflowIds.image("api"));
      write(temporal, "base--signature-checked-before-fan-out.json", WorkflowIds.base("node-22"));
    }
  }

  @Test
  void recordsScansThatTakeACandidateOnTheFastPath() throws Exception {
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(new RecordingActivities())) {
      ImageConfig api =
          new ImageConfig(
                  "api",
                  ImageKind.MANAGED,
                  Duration.ofDays(7),
                  true,
                  List.of("node-22"),
                  List.of(),
                  List.of(),
                  new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
                  Map.of(),
                  false,
                  List.of(),
                  null,
                  null,
                  null,
                  null)
              .withFastPath(FastPathPolicy.DEFAULT);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      BaseImageWorkflow base =
          temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base("node-22"));
      WorkflowClient.start(
          base::run,
          new BaseSetup(
              "node-22",
              "docker.io/library/node",
              "22",
              List.of("api"),
              null,
              null,
              List.of(),
              0,
              null,
              null,
              List.of()));
      String old = "sha256:" + "1".repeat(64);
      String fixed = "sha256:" + "2".repeat(64);
      base.digestSeen(new DigestSeen(old, "22", "f1", temporal.now()));
      base.scanned(Scans.of(old, temporal.now(), "CRITICAL:CVE-2025-0001"));
      temporal.sleep(Duration.ofMinutes(1));
      base.digestSeen(new DigestSeen(fixed, "22", "f2", temporal.now()));
      temporal.sleep(Duration.ofMinutes(1));
      base.scanned(Scans.of(fixed, temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.unenroll();
      base.retire();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.base("node-22")).getResult(Void.class);
      write(temporal, "image--fast-path-on-a-scanned-fix.json", WorkflowIds.image("api"));
      write(temporal, "base--scans-recorded-and-handed-on.json", WorkflowIds.base("node-22"));
    }
  }

  @Test
  void recordsAnImageWhoseStateRepositoryIsBehind() throws Exception {
    RecordingActivities stateRepo = new RecordingActivities();
    AtomicInteger refusals = new AtomicInteger(1);
    stateRepo.refusal =
        batch -> refusals.getAndDecrement() > 0 ? "images/api.yaml does not exist" : null;
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(stateRepo)) {
      ImageConfig api =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22"),
              List.of(),
              List.of(),
              new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      // Refused, then taken after the backoff.
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "1".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofMinutes(1));
      // Committed but the answer is lost: sent again until one comes.
      stateRepo.answers = false;
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "2".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofMinutes(11));
      stateRepo.answers = true;
      temporal.sleep(Duration.ofMinutes(30));
      image.unenroll();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      write(temporal, "image--state-repository-behind.json", WorkflowIds.image("api"));
    }
  }

  @Test
  void recordsARebuildWhoseRunIsFollowed() throws Exception {
    RecordingActivities ci = new RecordingActivities();
    ci.startsRuns = true;
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(ci)) {
      ImageConfig api =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22"),
              List.of(),
              List.of(),
              new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "1".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofDays(1).plusMinutes(5));
      image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "2".repeat(64), temporal.now()));
      ci.conclusions.put(
          "1", new RunConclusion(RunConclusion.FAILED, "u", "failed", temporal.now()));
      temporal.sleep(Duration.ofHours(2));
      ci.conclusions.put(
          "2", new RunConclusion(RunConclusion.SUCCEEDED, "u", "ok", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.built(new ImageBuild("sha256:" + "3".repeat(64), "2", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      image.unenroll();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      write(temporal, "image--run-failed-retried-succeeded.json", WorkflowIds.image("api"));
      write(temporal, "rebuild-budget--grants-and-releases.json", WorkflowIds.REBUILD_BUDGET);
    }
  }

  @Test
  void recordsAnImageReconfiguredThenContinuedAsNew() throws Exception {
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(new RecordingActivities())) {
      RebuildTarget target = new RebuildTarget("github", "org/api", "build.yml", "main", Map.of());
      ImageConfig twoBases =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22", "distroless"),
              List.of(),
              List.of(),
              target,
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageConfig oneBase =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22"),
              List.of(),
              List.of(),
              target,
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      String id = WorkflowIds.image("api");
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, id);
      WorkflowClient.start(image::run, new ImageSetup(twoBases, ImageRuntime.empty(), 80));
      String firstRun = runOf(temporal, id);
      // The same configuration records nothing; one that drops a base's candidate is recorded.
      image.configure(twoBases);
      image.baseUpdated(new BaseUpdate("distroless", "sha256:" + "d".repeat(64), temporal.now()));
      temporal.sleep(Duration.ofMinutes(1));
      image.configure(oneBase);
      temporal.sleep(Duration.ofMinutes(1));
      for (int i = 1; runOf(temporal, id).equals(firstRun) && i < 60; i++) {
        image.baseUpdated(
            new BaseUpdate("node-22", "sha256:" + String.format("%064x", i), temporal.now()));
        temporal.sleep(Duration.ofMinutes(10));
      }
      String secondRun = runOf(temporal, id);
      // The carried candidates mature in the second run and are rebuilt through the budget.
      temporal.sleep(Duration.ofDays(1).plusMinutes(5));
      image.unenroll();
      temporal.client.newUntypedWorkflowStub(id).getResult(Void.class);
      write(temporal, "image--configure-then-continue-as-new.json", id, firstRun);
      write(temporal, "image--carried-into-the-next-run.json", id, secondRun);
    }
  }

  private static String runOf(WorkflowTestEnvironment temporal, String workflowId) {
    return temporal.client.newUntypedWorkflowStub(workflowId).describe().getExecution().getRunId();
  }

  @Test
  void recordsAQueuedRebuildInsideItsWindow() throws Exception {
    RecordingActivities ci = new RecordingActivities();
    ci.startsRuns = true;
    ci.limits = new io.imagefactory.budget.BudgetLimits(1, 50, 300, Map.of(), Map.of(), null);
    // A Tuesday, 07:00 in London: the window opens at 09:00.
    try (WorkflowTestEnvironment temporal =
        WorkflowTestEnvironment.at(Instant.parse("2025-06-10T06:00:00Z"), ci)) {
      io.imagefactory.rebuild.RebuildWindow window =
          new io.imagefactory.rebuild.RebuildWindow(
              "Europe/London",
              List.of(
                  new io.imagefactory.rebuild.WindowRange(
                      List.of("Mon", "Tue"), "09:00", "16:00")));
      List<ImageWorkflow> images = new ArrayList<>();
      for (String name : List.of("api", "web")) {
        ImageConfig config =
            new ImageConfig(
                    name,
                    ImageKind.MANAGED,
                    Duration.ofHours(1),
                    true,
                    List.of("node-22"),
                    List.of(),
                    List.of(),
                    new RebuildTarget("github", "org/mono", name + ".yml", "main", Map.of()),
                    Map.of(),
                    false,
                    List.of(),
                    null,
                    null,
                    null,
                    null)
                .withRebuildWindow(window);
        ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(name));
        WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));
        image.baseUpdated(new BaseUpdate("node-22", "sha256:" + "1".repeat(64), temporal.now()));
        images.add(image);
      }
      temporal.sleep(Duration.ofHours(2).plusMinutes(5));
      ci.conclusions.put(
          "1", new RunConclusion(RunConclusion.SUCCEEDED, "u", "ok", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      ci.conclusions.put(
          "2", new RunConclusion(RunConclusion.SUCCEEDED, "u", "ok", temporal.now()));
      temporal.sleep(Duration.ofMinutes(5));
      images.forEach(ImageWorkflow::unenroll);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("web")).getResult(Void.class);
      write(temporal, "image--queued-inside-its-window.json", WorkflowIds.image("web"));
    }
  }

  @Test
  void recordsStateRepoHistories() throws Exception {
    StateRepoWorkflowImplTest.InMemoryRepo repo = new StateRepoWorkflowImplTest.InMemoryRepo();
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(repo)) {
      StateRepoWorkflow writer = temporal.newStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
      WorkflowClient.start(writer::run, new StateRepoSettings(Duration.ofMillis(100), 40));
      String firstRun = writerRun(temporal);
      StateRepoWorkflow existing =
          temporal.existing(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
      existing.submit(batch("b0", "image/api"));
      existing.submit(batch("b1", "image/web"));
      existing.submit(batch("x", "bad"));
      existing.submit(new StateChangeBatch("e", "image/db", List.of()));
      awaitAnswers(repo, 4);
      // A redelivery is answered from memory.
      existing.submit(batch("b0", "image/api"));
      awaitAnswers(repo, 5);
      // Batches until the history is long enough to continue as new.
      for (int i = 0; writerRun(temporal).equals(firstRun); i++) {
        existing.submit(batch("later" + i, "image/web"));
        awaitAnswers(repo, 6 + i);
      }
      String secondRun = writerRun(temporal);
      // The next run answers from the memory it carried, and commits on.
      int answered = repo.acks.size();
      existing.submit(batch("b0", "image/api"));
      existing.submit(batch("b2", "image/api"));
      awaitAnswers(repo, answered + 2);
      String writerId = WorkflowIds.STATE_REPO;
      write(temporal, "state-repo--answers-and-continue-as-new.json", writerId, firstRun);
      write(temporal, "state-repo--carried-memory.json", writerId, secondRun);
    }
  }

  private static String writerRun(WorkflowTestEnvironment temporal) {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.STATE_REPO)
        .describe()
        .getExecution()
        .getRunId();
  }

  private static StateChangeBatch batch(String id, String submitter) {
    return new StateChangeBatch(
        id, submitter, List.of(new BaseDigestChange("node-22", "sha256:" + id, Instant.EPOCH)));
  }

  private static void awaitAnswers(StateRepoWorkflowImplTest.InMemoryRepo repo, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (repo.acks.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the writer answered " + repo.acks.size() + " of " + count);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void recordsEnrollmentHistory() throws Exception {
    EnrollmentWorkflowImplTest.FixedCatalog catalog = EnrollmentWorkflowImplTest.sampleCatalog();
    RecordingActivities recording = new RecordingActivities();
    recording.plan = catalog.plan();
    try (WorkflowTestEnvironment temporal =
        new WorkflowTestEnvironment(
            recording, catalog, new EnrollmentWorkflowImplTest.NoCluster())) {
      temporal
          .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
          .run(EnrollmentRequest.of("recorder"));
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
      temporal
          .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
          .run(EnrollmentRequest.of("recorder"));
      write(temporal, "enrollment--deploy-and-mark-watched.json", WorkflowIds.ENROLLMENT);
    }
  }

  @Test
  void recordsDriftChecksAndAnIntervalChange() throws Exception {
    RecordingActivities recording = new RecordingActivities();
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(recording)) {
      DriftWorkflow drift = temporal.newStub(DriftWorkflow.class, WorkflowIds.DRIFT);
      WorkflowClient.start(drift::run, new DriftRequest(Duration.ofHours(1)));
      temporal.sleep(Duration.ofMinutes(130));
      temporal
          .existing(DriftWorkflow.class, WorkflowIds.DRIFT)
          .configure(new DriftRequest(Duration.ZERO));
      temporal.client.newUntypedWorkflowStub(WorkflowIds.DRIFT).getResult(Void.class);
      write(temporal, "drift--checks-then-off.json", WorkflowIds.DRIFT);
    }
  }

  @Test
  void recordsAHeldDigestCheckedAgainUntilItsSignatureAppears() throws Exception {
    RecordingActivities activities = new RecordingActivities();
    RecordedSignatures signatures = new RecordedSignatures();
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(activities, signatures)) {
      ImageConfig api =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("node-22"),
              List.of(),
              List.of(),
              new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
              Map.of(),
              false,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(image::run, new ImageSetup(api, ImageRuntime.empty()));
      BaseImageWorkflow base =
          temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base("node-22"));
      VerifyRule rule =
          new VerifyRule(
              "docker.io/library/*", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
      BaseSetup setup =
          new BaseSetup(
                  "node-22",
                  "docker.io/library/node",
                  "22",
                  List.of("api"),
                  null,
                  null,
                  List.of(),
                  0,
                  null,
                  null,
                  List.of())
              .withVerify(rule);
      WorkflowClient.start(base::run, setup);
      base.digestSeen(new DigestSeen("sha256:" + "1".repeat(64), "22", "f1"));
      temporal.sleep(Duration.ofMinutes(1));
      base.digestSeen(new DigestSeen("sha256:" + "2".repeat(64), "22", "f2"));
      temporal.sleep(Duration.ofMinutes(20));
      // The rule changes while the digest is held: it is checked again at once.
      base.configure(
          setup.withVerify(
              new VerifyRule(
                  "docker.io/library/*",
                  null,
                  "builder@example.com",
                  null,
                  "https://accounts.example.com",
                  VerifyRule.ENFORCE)));
      temporal.sleep(Duration.ofMinutes(1));
      signatures.signedBy.put("sha256:" + "2".repeat(64), "builder@example.com");
      temporal.sleep(Duration.ofDays(1).plusMinutes(10));
      image.unenroll();
      base.retire();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.base("node-22")).getResult(Void.class);
      write(temporal, "image--held-then-released-by-a-re-check.json", WorkflowIds.image("api"));
      write(temporal, "base--held-digest-checked-again.json", WorkflowIds.base("node-22"));
    }
  }

  @Test
  void recordsACascadeHeldForItsSignatureThenCheckedAgainAndSent() throws Exception {
    RecordingActivities activities = new RecordingActivities();
    RecordedSignatures signatures = new RecordedSignatures();
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(activities, signatures)) {
      VerifyRule rule =
          new VerifyRule(
              "ghcr.io/example-org/*", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
      ImageConfig runtime =
          new ImageConfig(
                  "runtime",
                  ImageKind.MANAGED,
                  Duration.ofDays(1),
                  true,
                  List.of("debian-12"),
                  List.of(),
                  List.of("api"),
                  new RebuildTarget("github", "org/runtime", "build.yml", "main", Map.of()),
                  Map.of(),
                  false,
                  List.of(),
                  null,
                  null,
                  null,
                  null)
              .withVerify("ghcr.io/example-org/runtime", rule);
      ImageConfig api =
          new ImageConfig(
              "api",
              ImageKind.MANAGED,
              Duration.ofDays(1),
              true,
              List.of("runtime"),
              List.of(),
              List.of(),
              new RebuildTarget("github", "org/api", "build.yml", "main", Map.of()),
              Map.of(),
              true,
              List.of(),
              null,
              null,
              null,
              null);
      ImageWorkflow dependent = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
      WorkflowClient.start(dependent::run, new ImageSetup(api, ImageRuntime.empty()));
      ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("runtime"));
      WorkflowClient.start(image::run, new ImageSetup(runtime, ImageRuntime.empty()));
      image.built(new ImageBuild("sha256:" + "1".repeat(64), "1", temporal.now()));
      temporal.sleep(Duration.ofMinutes(1));
      image.built(new ImageBuild("sha256:" + "2".repeat(64), "2", temporal.now()));
      temporal.sleep(Duration.ofMinutes(20));
      signatures.signedBy.put("sha256:" + "2".repeat(64), "keys/cosign.pub");
      temporal.sleep(Duration.ofDays(1).plusMinutes(10));
      dependent.unenroll();
      image.unenroll();
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api")).getResult(Void.class);
      temporal.client.newUntypedWorkflowStub(WorkflowIds.image("runtime")).getResult(Void.class);
      write(temporal, "image--cascade-held-then-checked-again.json", WorkflowIds.image("runtime"));
      write(temporal, "image--cascade-released-and-rebuilt.json", WorkflowIds.image("api"));
    }
  }

  private static void write(WorkflowTestEnvironment temporal, String file, String workflowId)
      throws Exception {
    WorkflowStub stub = temporal.client.newUntypedWorkflowStub(workflowId);
    write(temporal, file, workflowId, stub.getExecution().getRunId());
  }

  private static void write(
      WorkflowTestEnvironment temporal, String file, String workflowId, String runId)
      throws Exception {
    String history = temporal.client.fetchHistory(workflowId, runId).toJson(true);
    Files.writeString(WorkflowReplayTest.HISTORIES.resolve(file), history);
  }
}
