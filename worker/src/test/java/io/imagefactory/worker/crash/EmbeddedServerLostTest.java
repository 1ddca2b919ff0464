package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.PayloadCompression;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.github.FakeGitHub;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker on the embedded default killed with its in-memory Temporal server, and started again
 * on the same data directory: the next enrollment restores every image and base from the state
 * repository, a waiting candidate keeps its first-seen time and so its eligibility, and a rebuild
 * dispatched before the loss is not dispatched again.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class EmbeddedServerLostTest {

  private static final String NGINX_WORKFLOW = "build-nginx-site.yml";

  @TempDir Path dir;

  @Test
  void everyEntityComesBackFromGitWithItsTimesAndNoSecondDispatch() throws Exception {
    // nginx-site matures at once and is dispatched; api soaks for a week.
    Path examples =
        CrashFixtures.examples(dir.resolve("examples"), Map.of("nginx-site", "PT1S", "api", "7d"));
    try (FakeGitHub github = FakeGitHub.start()) {
      Map<String, String> settings =
          new HashMap<>(CrashFixtures.gitHub(github, examples, NGINX_WORKFLOW, dir));
      settings.put("image-factory.embedded.examples-dir", examples.toString());
      settings.put("image-factory.embedded.port", String.valueOf(WorkerProcess.freePort()));
      String target = "127.0.0.1:" + settings.get("image-factory.embedded.port");
      Path workerDir = dir.resolve("worker");

      ImageRuntime apiBefore;
      List<String> entities;
      WorkerProcess first = WorkerProcess.start(workerDir, null, settings, Map.of());
      try (Temporal temporal = new Temporal(target)) {
        enroll(first, temporal.client);
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", digest('1'));
        first.imageEvent("docker.io/library/golang", "1.23-bookworm", digest('1'));
        first.imageEvent("gcr.io/distroless/static-debian12", "nonroot", digest('1'));
        first.imageEvent("docker.io/library/nginx", "1.27-alpine", digest('2'));
        first.imageEvent("docker.io/library/golang", "1.23-bookworm", digest('2'));
        try (Repository state = stateRepo(workerDir)) {
          CrashFixtures.eventually(
              () -> GitFixtures.read(state, "main", "images/nginx-site.yaml"),
              text -> text.contains("outcome: succeeded"));
          CrashFixtures.eventually(
              () -> GitFixtures.read(state, "main", "images/api.yaml"),
              text -> text.contains(digest('2')));
          entities = entityIds(state);
        }
        assertThat(github.requests("POST", CrashFixtures.dispatches(NGINX_WORKFLOW))).hasSize(1);
        apiBefore = api(temporal.client).status().runtime();
        assertThat(apiBefore.pending()).hasSize(1);
      } finally {
        first.kill();
      }

      try (WorkerProcess second = WorkerProcess.start(workerDir, null, settings, Map.of());
          Temporal temporal = new Temporal(target)) {
        EnrollmentResult restored = enroll(second, temporal.client);
        assertThat(restored.errors()).isEmpty();
        for (String id : entities) {
          assertThat(temporal.status(id))
              .as(id)
              .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        }
        ImageRuntime apiAfter = api(temporal.client).status().runtime();
        assertThat(apiAfter.pending()).isEqualTo(apiBefore.pending());
        ImageWorkflow nginx =
            temporal.client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
        RebuildEntry last = nginx.status().runtime().lastRebuild();
        assertThat(last.rebuildId()).isEqualTo("nginx-site#1");
        assertThat(last.outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
        assertThat(nginx.status().runtime().pending()).isEmpty();

        // Kargo redelivers what it last saw: an old digest, no new rebuild.
        second.imageEvent("docker.io/library/nginx", "1.27-alpine", digest('2'));
        try (Repository state = stateRepo(workerDir)) {
          CrashFixtures.eventually(
              () -> GitFixtures.read(state, "main", "base-images/nginx-1.27-alpine.yaml"),
              text -> text.contains(digest('2')));
        }
        assertThat(nginx.status().runtime().pending()).isEmpty();
        assertThat(github.requests("POST", CrashFixtures.dispatches(NGINX_WORKFLOW))).hasSize(1);
      }
    }
  }

  private static EnrollmentResult enroll(WorkerProcess worker, WorkflowClient client)
      throws Exception {
    assertThat(worker.post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
    return client
        .newUntypedWorkflowStub(WorkflowIds.ENROLLMENT)
        .getResult(90, TimeUnit.SECONDS, EnrollmentResult.class);
  }

  private static ImageWorkflow api(WorkflowClient client) {
    return client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("api"));
  }

  private static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  /** The workflow id of every image and base the state repository holds. */
  private static List<String> entityIds(Repository state) throws Exception {
    List<String> ids = new java.util.ArrayList<>();
    for (String name :
        List.of(
            "nginx-site",
            "api",
            "web",
            "base-python",
            "reports",
            "image-factory-worker",
            "postgres")) {
      assertThat(GitFixtures.read(state, "main", "images/" + name + ".yaml")).isNotNull();
      ids.add(WorkflowIds.image(name));
    }
    for (String base : List.of("nginx-1.27-alpine", "golang-1.23-bookworm", "python-3.12-slim")) {
      assertThat(GitFixtures.read(state, "main", "base-images/" + base + ".yaml")).isNotNull();
      ids.add(WorkflowIds.base(base));
    }
    return ids;
  }

  private static Repository stateRepo(Path workerDir) throws java.io.IOException {
    return new FileRepositoryBuilder()
        .setGitDir(workerDir.resolve("data/state-repo.git").toFile())
        .setMustExist(true)
        .build();
  }

  /** A client of the worker's embedded server. */
  private static final class Temporal implements AutoCloseable {
    final WorkflowServiceStubs service;
    final WorkflowClient client;

    Temporal(String target) {
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
      client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setDataConverter(PayloadCompression.dataConverter())
                  .build());
    }

    WorkflowExecutionStatus status(String workflowId) {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
    }

    @Override
    public void close() {
      service.shutdownNow();
    }
  }
}
