package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.Fixtures;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.IsolatedGitConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM ({@link Process#destroy()}) of a worker process while its rebuild dispatch waits for a
 * slow GitHub: the worker stops polling, the dispatch finishes and is recorded by Temporal, the
 * process exits 0 within its grace period, and a second worker process finishes the rebuild without
 * dispatching it again.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {

  private static final String WORKFLOW = "build-nginx-site.yml";
  private static final String DISPATCHES = CrashFixtures.dispatches(WORKFLOW);
  private static final Duration SLOW_DISPATCH = Duration.ofSeconds(6);
  private static final Duration GRACE = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aTerminatedWorkerFinishesItsDispatchAndExitsZeroAndAnotherFinishesTheRebuild()
      throws Exception {
    Path examples = CrashFixtures.examples(dir.resolve("examples"), Map.of("nginx-site", "1h"));
    try (FakeGitHub github = FakeGitHub.start();
        TemporalServerProcess temporal = TemporalServerProcess.start(dir.resolve("temporal"))) {
      Map<String, String> settings =
          new HashMap<>(CrashFixtures.gitHub(github, examples, WORKFLOW, dir));
      settings.put("image-factory.embedded.examples-dir", examples.toString());
      settings.put("image-factory.temporal.shutdown-grace", GRACE.toSeconds() + "s");
      CountDownLatch dispatching = new CountDownLatch(1);
      github.on("POST", DISPATCHES, request -> slowDispatch(github, dispatching));
      Path workerDir = dir.resolve("worker");
      ImageWorkflow nginx =
          temporal.client().newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));

      WorkerProcess first = WorkerProcess.start(workerDir, temporal.target(), settings, Map.of());
      int exit;
      Duration stopping;
      CompletableFuture<Void> matured;
      try {
        assertThat(first.post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
        EnrollmentResult enrolled =
            temporal
                .client()
                .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
                .getResult(EnrollmentResult.class);
        assertThat(enrolled.errors()).isEmpty();
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", "sha256:" + "1".repeat(64));
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", "sha256:" + "2".repeat(64));
        CrashFixtures.eventually(() -> nginx.status().runtime().pending().size(), n -> n == 1);
        // The skip returns only once the dispatch activity is done: it runs beside the test.
        matured =
            CompletableFuture.runAsync(() -> temporal.skip(Duration.ofHours(1).plusMinutes(1)));
        assertThat(dispatching.await(60, TimeUnit.SECONDS))
            .as("the rebuild dispatch reached GitHub")
            .isTrue();

        Instant sigterm = Instant.now();
        first.terminate();
        exit = first.awaitExit(GRACE.plusSeconds(20));
        stopping = Duration.between(sigterm, Instant.now());
      } finally {
        if (first.alive()) {
          first.kill();
        }
        WorkerProcess.keep(first.log());
      }

      assertThat(exit).as("exit code after SIGTERM").isZero();
      assertThat(stopping)
          .as("it waited for the dispatch")
          .isGreaterThan(SLOW_DISPATCH.minusSeconds(2));
      assertThat(stopping).as("within the grace period").isLessThan(GRACE);
      assertThat(first.logText())
          .contains("Temporal workers stop polling")
          .contains("every running task finished");
      assertThat(github.requests("POST", DISPATCHES)).hasSize(1);

      try (WorkerProcess second =
          WorkerProcess.start(workerDir, temporal.target(), settings, Map.of())) {
        RebuildEntry rebuild =
            CrashFixtures.eventually(
                () -> nginx.status().runtime().lastRebuild(),
                r -> r != null && RebuildEntry.SUCCEEDED.equals(r.outcome()));
        assertThat(rebuild.runUrl()).endsWith("/actions/runs/1");
        // With no worker polling, the skip waited for the workflow task the dispatch left.
        matured.get(60, TimeUnit.SECONDS);
        assertThat(github.requests("POST", DISPATCHES))
            .as("the second worker does not dispatch again")
            .hasSize(1);
        assertThat(second.logText()).doesNotContain("Non deterministic");
      }
    }
  }

  /** The state repository's GitHub, answering a dispatch only after {@link #SLOW_DISPATCH}. */
  private static Answer slowDispatch(FakeGitHub github, CountDownLatch dispatching) {
    dispatching.countDown();
    try {
      Thread.sleep(SLOW_DISPATCH.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    String run = CrashFixtures.STATE_REPO_API + "/actions/runs/1";
    github.on(
        "GET",
        run,
        Answer.json(200, Fixtures.run(1, "Build #1", Instant.now(), "completed", "success")));
    return Answer.json(
        200,
        "{\"workflow_run_id\": 1, \"run_url\": \""
            + github.baseUrl()
            + run
            + "\", \"html_url\": \"https://github.com/x/y/actions/runs/1\"}");
  }
}
