package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.github.FakeGitHub;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the worker process while an image's seven-day soak timer is pending, with the
 * Temporal test server in a process of its own: a new worker process takes the image over, and at
 * maturity GitHub receives exactly one {@code workflow_dispatch}.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class KillDuringRebuildTimerTest {

  private static final String WORKFLOW = "build-nginx-site.yml";
  private static final String DISPATCHES = CrashFixtures.dispatches(WORKFLOW);
  private static final String DIGEST = "sha256:" + "2".repeat(64);

  @TempDir Path dir;

  @Test
  void aRestartedWorkerDispatchesOnceAtMaturity() throws Exception {
    Path examples = CrashFixtures.examples(dir.resolve("examples"), Map.of("nginx-site", "7d"));
    try (FakeGitHub github = FakeGitHub.start();
        TemporalServerProcess temporal = TemporalServerProcess.start(dir.resolve("temporal"))) {
      Map<String, String> settings =
          new HashMap<>(CrashFixtures.gitHub(github, examples, WORKFLOW, dir));
      settings.put("image-factory.embedded.examples-dir", examples.toString());
      Path workerDir = dir.resolve("worker");
      ImageWorkflow nginx =
          temporal.client().newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));

      WorkerProcess first = WorkerProcess.start(workerDir, temporal.target(), settings, Map.of());
      try {
        assertThat(first.post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
        EnrollmentResult enrolled =
            temporal
                .client()
                .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
                .getResult(EnrollmentResult.class);
        assertThat(enrolled.errors()).isEmpty();
        // The first digest a base sees is its baseline; the next one is a candidate.
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", "sha256:" + "1".repeat(64));
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", DIGEST);
        // The candidate is in git once its timer is set and the writer is idle again.
        try (Repository state = stateRepo(workerDir)) {
          assertThat(
                  CrashFixtures.eventually(
                      () -> GitFixtures.read(state, "main", "images/nginx-site.yaml"),
                      text -> text.contains(DIGEST)))
              .contains("status: waiting");
        }
        assertThat(nginx.status().runtime().pending()).hasSize(1);
      } finally {
        first.kill();
      }
      assertThat(first.alive()).isFalse();

      try (WorkerProcess second =
          WorkerProcess.start(workerDir, temporal.target(), settings, Map.of())) {
        temporal.skip(Duration.ofDays(7).plusMinutes(1));
        assertThat(
                CrashFixtures.eventually(
                    () -> github.requests("POST", DISPATCHES).size(), n -> n >= 1))
            .isEqualTo(1);
        RebuildEntry rebuild =
            CrashFixtures.eventually(
                () -> nginx.status().runtime().lastRebuild(),
                r -> r != null && RebuildEntry.SUCCEEDED.equals(r.outcome()));
        assertThat(rebuild.outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
        assertThat(rebuild.baseDigests()).containsValue(DIGEST);

        temporal.skip(Duration.ofDays(8));
        assertThat(github.requests("POST", DISPATCHES)).hasSize(1);
        assertThat(second.logText()).doesNotContain("Non deterministic");
      }
    }
  }

  private static Repository stateRepo(Path workerDir) throws java.io.IOException {
    return new FileRepositoryBuilder()
        .setGitDir(workerDir.resolve("data/state-repo.git").toFile())
        .setMustExist(true)
        .build();
  }
}
