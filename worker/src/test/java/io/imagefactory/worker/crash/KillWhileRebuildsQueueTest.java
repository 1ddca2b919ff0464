package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetStatus;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.github.Fixtures;
import io.imagefactory.rebuild.FleetGitHub;
import io.imagefactory.rebuild.FleetGitHub.Dispatch;
import io.imagefactory.staterepo.IsolatedGitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the worker while matured rebuilds wait in the rebuild budget's queue: a new
 * worker process grants the waiting ones as slots free, so every image is dispatched exactly once
 * and the repository never has more runs in flight than its limit.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KillWhileRebuildsQueueTest {

  private static final int IMAGES = 6;
  private static final int RUNS_PER_REPOSITORY = 2;
  private static final Duration RUN_LENGTH = Duration.ofMinutes(15);
  private static final String REPO = CrashFixtures.STATE_REPO_API.substring("/repos/".length());
  private static final String DIGEST = "sha256:" + "2".repeat(64);

  @TempDir Path dir;

  @Test
  void aRestartedWorkerGrantsTheQueueOnceEachWithinTheLimit() throws Exception {
    Path examples = CrashFixtures.examples(dir.resolve("examples"), Map.of());
    List<String> images = IntStream.rangeClosed(1, IMAGES).mapToObj(i -> "queue-" + i).toList();
    Files.writeString(examples.resolve("images.yaml"), catalog(images));
    String workflowText =
        Files.readString(examples.resolve(".github/workflows/build-nginx-site.yml"));
    AtomicReference<TemporalServerProcess> server = new AtomicReference<>();
    try (TemporalServerProcess temporal = TemporalServerProcess.start(dir.resolve("temporal"));
        FleetGitHub github = new FleetGitHub(List.of(REPO), () -> server.get().now(), RUN_LENGTH)) {
      server.set(temporal);
      for (String image : images) {
        Files.writeString(examples.resolve(".github/workflows/" + image + ".yml"), workflowText);
        github.image(REPO, image + ".yml");
        github.on(
            "GET",
            CrashFixtures.STATE_REPO_API + "/contents/.github/workflows/" + image + ".yml",
            Fixtures.contents(workflowText));
      }
      Map<String, String> settings = settings(github, examples);
      Path workerDir = dir.resolve("worker");
      RebuildBudgetWorkflow budget =
          temporal
              .client()
              .newWorkflowStub(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET);

      WorkerProcess first = WorkerProcess.start(workerDir, temporal.target(), settings, Map.of());
      try {
        assertThat(first.post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
        EnrollmentResult enrolled =
            temporal
                .client()
                .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
                .getResult(EnrollmentResult.class);
        assertThat(enrolled.errors()).isEmpty();
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", "sha256:" + "1".repeat(64));
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", DIGEST);
        // Past every soak and the budget's gathering: the limit's worth is dispatched, the rest
        // wait.
        temporal.skip(Duration.ofMinutes(2));
        assertThat(
                CrashFixtures.eventually(
                    () -> github.dispatches().size(), n -> n >= RUNS_PER_REPOSITORY))
            .isEqualTo(RUNS_PER_REPOSITORY);
        BudgetStatus queued =
            CrashFixtures.eventually(
                budget::status, s -> s.queued().size() == IMAGES - RUNS_PER_REPOSITORY);
        assertThat(queued.runningPerRepository()).containsValue(RUNS_PER_REPOSITORY);
      } finally {
        first.kill();
      }
      assertThat(first.alive()).isFalse();

      try (WorkerProcess second =
          WorkerProcess.start(workerDir, temporal.target(), settings, Map.of())) {
        // Each skip outlasts a run: its end frees the slots, and the next two are granted.
        for (int round = 2; github.dispatches().size() < IMAGES && round <= IMAGES; round++) {
          temporal.skip(RUN_LENGTH.plusMinutes(5));
          int expected = Math.min(IMAGES, round * RUNS_PER_REPOSITORY);
          CrashFixtures.eventually(() -> github.dispatches().size(), n -> n >= expected);
        }
        temporal.skip(RUN_LENGTH.multipliedBy(4));
        List<Dispatch> dispatches = github.dispatches();
        assertThat(dispatches)
            .extracting(Dispatch::image)
            .containsExactlyInAnyOrderElementsOf(images);
        assertThat(maxInFlight(dispatches)).isEqualTo(RUNS_PER_REPOSITORY);
        assertThat(
                CrashFixtures.eventually(budget::status, s -> s.queued().isEmpty())
                    .runningPerRepository())
            .allSatisfy((repository, running) -> assertThat(running).isZero());
        assertThat(second.logText()).doesNotContain("Non deterministic");
      }
    }
  }

  /** The most runs that were in flight together, from their dispatch and end times. */
  private static int maxInFlight(List<Dispatch> dispatches) {
    int most = 0;
    for (Dispatch at : dispatches) {
      Instant moment = at.at();
      int running =
          (int)
              dispatches.stream()
                  .filter(d -> !d.at().isAfter(moment) && d.ends().isAfter(moment))
                  .count();
      most = Math.max(most, running);
    }
    return most;
  }

  private Map<String, String> settings(FleetGitHub github, Path examples) throws Exception {
    Path token = Files.writeString(dir.resolve("github-token"), "ghp_" + "queue".repeat(8));
    Map<String, String> settings = new HashMap<>();
    settings.put("image-factory.github.token-file", token.toString());
    settings.put("image-factory.github.base-url", github.baseUrl().toString());
    settings.put("image-factory.github.state-repository", REPO);
    settings.put("image-factory.embedded.examples-dir", examples.toString());
    settings.put(
        "image-factory.rebuild-budget.runs-per-repository", String.valueOf(RUNS_PER_REPOSITORY));
    return settings;
  }

  /** Images that all build from the nginx example's Dockerfile, each with a workflow of its own. */
  private static String catalog(List<String> images) {
    List<String> lines = new ArrayList<>(List.of("images:"));
    for (String image : images) {
      lines.addAll(
          List.of(
              "  - name: " + image,
              "    registry: ghcr.io",
              "    repository: example-org/" + image,
              "    source:",
              "      provider: github",
              "      dockerfile: example-images/nginx/Dockerfile",
              "      workflow: " + image + ".yml",
              "      workflowInputs:",
              "        base_image: \"${base.nginx-1.27-alpine.ref}\"",
              "        rebuild_id: \"${rebuild.id}\"",
              "    rebuildDelay: 1m",
              "    autoRebuild: true"));
    }
    return String.join("\n", lines) + "\n";
  }
}
