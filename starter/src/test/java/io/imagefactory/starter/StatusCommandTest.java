package io.imagefactory.starter;

import static io.imagefactory.starter.Images.DISTROLESS;
import static io.imagefactory.starter.Images.NODE;
import static io.imagefactory.starter.Images.digest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.BaseDigestChange;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivities;
import io.imagefactory.staterepo.StateRepoSettings;
import io.imagefactory.staterepo.StateRepoWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusCommandTest {

  private final ActivityRecorder activities = new ActivityRecorder();
  private PortBoundTemporal temporal;

  static final String UNWATCHABLE =
      "not watched by Kargo: images/api.yaml: image 'api', field repoURL: missing (and no "
          + "registry and"
          + " repository)";

  /** Commits as the real writer's activity would, finding one entry Kargo cannot watch. */
  static final class ProblemFindingCommits implements StateRepoActivities {
    @Override
    public CommitResult commit(CommitRequest request) {
      return new CommitResult(
          ActivityRecorder.COMMIT, true, true, java.util.Map.of(), List.of(UNWATCHABLE));
    }
  }

  @BeforeEach
  void startTemporal() {
    temporal = new PortBoundTemporal(activities, new ProblemFindingCommits());
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private CliRun status(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "status";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--temporal";
    all[args.length + 2] = temporal.target;
    return CliRun.run(all);
  }

  @Test
  void showsAPendingCandidateWithWhenItMatures() {
    Instant firstSeen = temporal.now().minus(Duration.ofHours(1));
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE, DISTROLESS), List.of(DISTROLESS)),
        Images.pending(NODE, digest(1), firstSeen));

    CliRun run = status("api");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("api (managed image)")
        .contains("rebuild delay   7d, rebuilds automatically")
        .contains("bases           " + NODE + "\n")
        .contains("                " + DISTROLESS + " (pinned)\n")
        .contains("current digest  " + digest(99) + ", tag 1.0.0")
        .contains(
            "pending         "
                + NODE
                + " "
                + digest(1)
                + ", first seen "
                + TextFormats.instant(firstSeen)
                + ", matures "
                + TextFormats.instant(firstSeen.plus(Images.WEEK))
                + " (in 6d 22h)")
        .contains(
            "eligible at     " + TextFormats.instant(firstSeen.plus(Images.WEEK)) + " (in 6d 22h)")
        .contains("approval        not awaiting approval")
        .contains("last rebuild    none")
        .contains("details         waiting 6d 22h for " + NODE);
  }

  @Test
  void printsTheQueryResultAsJson() throws Exception {
    Instant firstSeen = temporal.now();
    Images.start(
        temporal.client,
        Images.managed("api", false, List.of(NODE), List.of()),
        Images.pending(NODE, digest(7), firstSeen));

    CliRun run = status("api", "--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode json = CliJson.MAPPER.readTree(run.out());
    assertThat(json.at("/config/name").asText()).isEqualTo("api");
    assertThat(json.at("/config/autoRebuild").asBoolean()).isFalse();
    assertThat(json.at("/config/rebuildDelay").asText()).isEqualTo("PT168H");
    assertThat(json.at("/runtime/pending/0/digest").asText()).isEqualTo(digest(7));
    assertThat(Instant.parse(json.at("/runtime/pending/0/firstSeen").asText()))
        .isEqualTo(firstSeen);
    assertThat(json.at("/details").asText()).startsWith("waiting 6d 23h");
  }

  @Test
  void showsTheLastRunItsConclusionTheRetryAndWhoBuiltTheCurrentDigest() throws Exception {
    Instant at = temporal.now().minus(Duration.ofHours(2));
    String run = "https://github.com/example-org/api/actions/runs/77";
    RebuildEntry failed =
        new RebuildEntry(
            "api#4",
            at,
            "timer",
            java.util.Map.of(NODE, digest(5)),
            List.of(new PendingDigest(NODE, digest(5), at.minus(Images.WEEK))),
            true,
            List.of(),
            "builds " + NODE + " sha256:000000000005 (bases pinned by the build's inputs)",
            RebuildEntry.FAILED,
            "run failure: build step failed",
            run,
            new RunRef("github", "example-org/api", "77", run),
            at.plusSeconds(600),
            null,
            List.of());
    ImageRuntime runtime =
        Images.pending(NODE, digest(5), at.minus(Images.WEEK))
            .withLastRebuild(failed)
            .withBuild(digest(99), "1.0.0", at.minus(Duration.ofDays(30)), "api#3")
            .withFailures(1, temporal.now().plus(Duration.ofHours(1)));
    Images.start(temporal.client, Images.managed("api", true, List.of(NODE), List.of()), runtime);

    CliRun text = status("api");
    assertThat(text.out())
        .contains("current digest  " + digest(99) + ", tag 1.0.0")
        .contains(", built by api#3")
        .contains("failures        1 rebuild(s) in a row failed; next attempt")
        .contains("last rebuild    api#4 requested ")
        .contains("(trigger: timer): failed at ")
        .contains("run " + run)
        .contains("(bases pinned by the build's inputs)")
        .contains("run failure: build step failed");

    JsonNode json = CliJson.MAPPER.readTree(status("api", "--json").out());
    assertThat(json.at("/runtime/lastRebuild/id").asText()).isEqualTo("api#4");
    assertThat(json.at("/runtime/lastRebuild/outcome").asText()).isEqualTo("failed");
    assertThat(json.at("/runtime/lastRebuild/runUrl").asText()).isEqualTo(run);
    assertThat(json.at("/runtime/lastRebuild/run/runId").asText()).isEqualTo("77");
    assertThat(json.at("/runtime/failedAttempts").asInt()).isEqualTo(1);
    assertThat(json.at("/details").asText()).startsWith("retrying the failed rebuild in");
  }

  @Test
  void namesWhatAFastPathCandidateFixesAndWhatTheLastFastPathRebuildFixed() throws Exception {
    Instant at = temporal.now().minus(Duration.ofHours(2));
    RebuildEntry fast =
        new RebuildEntry(
            "api#5",
            at,
            "fast-path",
            java.util.Map.of(NODE, digest(5)),
            List.of(new PendingDigest(NODE, digest(5), at)),
            true,
            List.of(),
            "builds " + NODE + " sha256:000000000005; fast path: fixes CVE-2025-0001",
            RebuildEntry.BUILT,
            "built",
            null,
            null,
            at.plusSeconds(600),
            digest(98),
            List.of("CVE-2025-0001"));
    PendingDigest marked =
        new PendingDigest(
            NODE,
            digest(6),
            temporal.now(),
            false,
            null,
            digest(5),
            new io.imagefactory.vulnerability.FastPathMark(
                List.of("CVE-2025-0002"),
                io.imagefactory.vulnerability.Severity.CRITICAL,
                temporal.now().plus(Duration.ofHours(4))));
    ImageRuntime runtime =
        Images.pending(NODE, digest(6), temporal.now())
            .withPending(List.of(marked), false, temporal.now().plus(Duration.ofHours(4)))
            .withLastRebuild(fast);
    Images.start(temporal.client, Images.managed("api", true, List.of(NODE), List.of()), runtime);

    CliRun text = status("api");
    assertThat(text.out())
        .contains("(trigger: fast-path)")
        .contains("fast path: fixes CVE-2025-0001")
        .contains("fast path: fixes CVE-2025-0002 that " + digest(5) + " has");
    JsonNode json = CliJson.MAPPER.readTree(status("api", "--json").out());
    assertThat(json.at("/runtime/lastRebuild/fastPath/0").asText()).isEqualTo("CVE-2025-0001");
    assertThat(json.at("/runtime/pending/0/fastPath/fixes/0").asText()).isEqualTo("CVE-2025-0002");
  }

  @Test
  void listsEveryEnrolledImageInATable() {
    Instant firstSeen = temporal.now();
    Images.start(
        temporal.client,
        Images.managed("web", true, List.of("api"), List.of()),
        ImageRuntime.empty());
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE), List.of()),
        Images.pending(NODE, digest(1), firstSeen));
    Images.start(temporal.client, Images.external("postgres"), ImageRuntime.empty());

    CliRun run = status();

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).matches("IMAGE +KIND +STATE +ELIGIBLE AT +DETAILS");
    assertThat(lines.get(1))
        .matches(
            "api +managed +waiting +"
                + TextFormats.instant(firstSeen.plus(Images.WEEK))
                + " +waiting 6d 23h for .*");
    assertThat(lines.get(2))
        .matches("postgres +external +tracking +- +external image; current digest unknown");
    assertThat(lines.get(3)).matches("web +managed +watching +- +watching 1 base image\\(s\\)");
  }

  @Test
  void printsAllStatusesAsAJsonList() throws Exception {
    Images.start(temporal.client, Images.external("redis"), ImageRuntime.empty());
    Images.start(temporal.client, Images.external("postgres"), ImageRuntime.empty());

    CliRun run = status("--json");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode json = CliJson.MAPPER.readTree(run.out());
    assertThat(json.findValuesAsText("name")).containsExactly("postgres", "redis");
  }

  @Test
  void showsABaseImageByItsName() {
    Instant seen = temporal.now();
    BaseImageWorkflow base =
        temporal.client.newWorkflowStub(
            BaseImageWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.MAIN)
                .setWorkflowId(WorkflowIds.base(NODE))
                .build());
    WorkflowClient.start(
        base::run,
        new BaseSetup(
            NODE,
            "docker.io/library/node",
            "22-bookworm-slim",
            List.of("web", "api"),
            digest(4),
            seen,
            List.of(),
            0,
            null,
            null,
            List.of()));

    CliRun run = status(NODE);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .isEqualTo(
            NODE
                + " (base image)\n"
                + "  details         docker.io/library/node:22-bookworm-slim at "
                + digest(4)
                + "; 2 dependent image(s)\n"
                + "  watches         docker.io/library/node:22-bookworm-slim\n"
                + "  current digest  "
                + digest(4)
                + ", first seen "
                + TextFormats.instant(seen)
                + "\n"
                + "  dependents      web\n"
                + "                  api\n");
  }

  @Test
  void anUnknownImageIsInvalidInput() {
    CliRun run = status("ghost");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("no image named 'ghost' is enrolled");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void showsTheStateProblemsOfTheWritersLastCommitWithTheImageTheyConcern() throws Exception {
    Images.start(
        temporal.client,
        Images.managed("api", true, List.of(NODE), List.of()),
        ImageRuntime.empty());
    Images.start(
        temporal.client,
        Images.managed("web", true, List.of(NODE), List.of()),
        ImageRuntime.empty());
    StateRepoWorkflow writer =
        temporal.client.newWorkflowStub(
            StateRepoWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.STATE_REPO)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    WorkflowClient.start(writer::run, new StateRepoSettings(Duration.ofMillis(10), 0));
    writer.submit(
        new StateChangeBatch(
            "b1",
            WorkflowIds.image("api"),
            List.of(new BaseDigestChange(NODE, digest(5), Instant.EPOCH))));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (writer.status().commits() == 0 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(20);
    }

    CliRun one = status("api");
    CliRun all = status();
    CliRun other = status("web");

    assertThat(one.exitCode()).as(one.toString()).isEqualTo(ExitCodes.OK);
    assertThat(one.out())
        .contains(
            "State problems at the last commit (fix them in images.yaml):\n  error: "
                + UNWATCHABLE);
    assertThat(all.out()).contains("  error: " + UNWATCHABLE);
    assertThat(other.out())
        .as("another image's status")
        .contains("web (managed image)")
        .doesNotContain(UNWATCHABLE);
  }

  @Test
  void saysSoWhenNoImageIsEnrolled() {
    try (FakeWorker worker = new FakeWorker()) {
      worker.answer(200, "[]");
      CliRun run = status("--worker-url", worker.url());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).isEqualTo("No image is enrolled; run: image-factory enroll\n");
      assertThat(worker.requests)
          .singleElement()
          .extracting(FakeWorker.Request::path)
          .isEqualTo("/api/v1/images");
    }
  }

  @Test
  void withNoWorkflowInTemporalListsTheStateRepositorysImagesMarkedAsGitState() {
    try (FakeWorker worker = new FakeWorker()) {
      worker.answer(
          200,
          """
          [{"name":"api","kind":"managed","repoURL":"ghcr.io/example-org/api",
            "workflowId":"image/api","workflow":"not running"},
           {"name":"postgres","kind":"external","repoURL":"docker.io/library/postgres",
            "workflowId":"image/postgres","workflow":"not running"}]""");
      CliRun run = status("--worker-url", worker.url());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
      assertThat(run.out())
          .startsWith("No image workflow is running in Temporal")
          .contains("Showing GIT STATE: the 2 image(s) the state repository enrolls")
          .contains("run image-factory enroll to restore their workflows")
          .containsPattern("api +managed +ghcr.io/example-org/api")
          .containsPattern("postgres +external +docker.io/library/postgres")
          .doesNotContain("No image is enrolled");
    }
  }

  @Test
  void withNoWorkflowInTemporalAndNoWorkerSaysTheStateRepositoryWasNotConsulted() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    CliRun run = status("--worker-url", "http://127.0.0.1:" + closed);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .startsWith("No image workflow is running in Temporal; run: image-factory enroll\n")
        .contains("(the state repository was not consulted: cannot reach the worker at");
  }
}
