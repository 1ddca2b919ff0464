package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.ImageOutcome;
import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.FakeGitHub.Request;
import io.imagefactory.github.Fixtures;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker with a GitHub token, against a local GitHub: a matured candidate becomes exactly one
 * {@code workflow_dispatch} that pins the matured digest, the worker follows the run, a failed run
 * keeps its candidate for a retry, a successful one lands in the state file, and the next build
 * Kargo reports closes the rebuild.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RebuildThroughGitHubTest {

  private static final String TOKEN = "rebuild-webhook-token";
  private static final String GITHUB_TOKEN = "ghp_" + "e2e".repeat(12);
  private static final String REPO = "/repos/example-org/image-factory-state";
  private static final String WORKFLOW = "build-nginx-site.yml";
  private static final String DISPATCHES = REPO + "/actions/workflows/" + WORKFLOW + "/dispatches";
  private static final String RUN_PAGE =
      "https://github.com/example-org/image-factory-state/actions/runs/";

  @TempDir static Path data;
  static FakeGitHub github;
  static TimeSkippingWorker fixture;
  static ConfigurableApplicationContext worker;
  static TestWorkflowEnvironment temporal;
  static WorkflowClient client;
  static Repository stateRepo;
  static String baseUrl;
  static final AtomicInteger runs = new AtomicInteger();
  static final Map<Integer, String> conclusions = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() throws IOException {
    github = FakeGitHub.start();
    Path workflows = TimeSkippingWorker.examples();
    github.on(
        "GET",
        REPO + "/contents/.github/workflows/" + WORKFLOW,
        Fixtures.contents(Files.readString(workflows.resolve(".github/workflows/" + WORKFLOW))));
    github.on(
        "POST",
        DISPATCHES,
        request -> {
          int id = runs.incrementAndGet();
          followRun(id);
          return Answer.json(
              200,
              "{\"workflow_run_id\": "
                  + id
                  + ", \"run_url\": \""
                  + github.baseUrl()
                  + REPO
                  + "/actions/runs/"
                  + id
                  + "\", \"html_url\": \""
                  + RUN_PAGE
                  + id
                  + "\"}");
        });
    Path token = Files.writeString(data.resolve("github-token"), GITHUB_TOKEN);
    fixture =
        TimeSkippingWorker.start(
            data.resolve("worker"),
            TOKEN,
            "--image-factory.github.token-file=" + token,
            "--image-factory.github.base-url=" + github.baseUrl(),
            "--image-factory.github.state-repository=example-org/image-factory-state");
    worker = fixture.context;
    temporal = fixture.temporal;
    client = fixture.client;
    baseUrl = fixture.baseUrl;
    stateRepo = fixture.stateRepo;
  }

  /** GitHub answers for run {@code id} what the test set, queued until then. */
  private static void followRun(int id) {
    github.on(
        "GET",
        REPO + "/actions/runs/" + id,
        request -> {
          String conclusion = conclusions.get(id);
          return Answer.json(
              200,
              Fixtures.run(
                  id,
                  "Build nginx-site nginx-site#" + id,
                  Instant.now(),
                  conclusion == null ? "in_progress" : "completed",
                  conclusion));
        });
  }

  @AfterAll
  static void stop() {
    if (fixture != null) {
      fixture.close();
    }
    if (github != null) {
      github.close();
    }
  }

  @Test
  void aMaturedDigestIsBuiltThroughGitHubFollowedAndClosedByTheNextBuild() throws Exception {
    assertThat(post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
    EnrollmentResult enrolled = FinishedEnrollment.of(client);
    assertThat(enrolled.images())
        .filteredOn(o -> o.image().equals("nginx-site"))
        .extracting(ImageOutcome::status)
        .containsExactly("analysed");

    event("docker.io/library/nginx", "1.27-alpine", '1');
    event("docker.io/library/nginx", "1.27-alpine", '2');
    ImageWorkflow nginx =
        client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
    temporal.sleep(Duration.ofMinutes(5));

    List<Request> dispatches = github.requests("POST", DISPATCHES);
    assertThat(dispatches).hasSize(1);
    assertThat(dispatches.get(0).header("Authorization")).isEqualTo("Bearer " + GITHUB_TOKEN);
    assertThat(dispatches.get(0).json().path("inputs").path("base_image").asText())
        .isEqualTo("docker.io/library/nginx:1.27-alpine@sha256:" + "2".repeat(64));
    assertThat(dispatches.get(0).json().path("inputs").path("rebuild_id").asText())
        .isEqualTo("nginx-site#1");
    RebuildEntry running = nginx.status().runtime().lastRebuild();
    assertThat(running.outcome()).isEqualTo(RebuildEntry.DISPATCHED);
    assertThat(running.pinned()).isTrue();
    assertThat(running.runUrl()).isEqualTo(RUN_PAGE + 1);

    conclusions.put(1, "failure");
    temporal.sleep(Duration.ofMinutes(3));
    ImageRuntime failed = nginx.status().runtime();
    assertThat(failed.lastRebuild().outcome()).isEqualTo(RebuildEntry.FAILED);
    assertThat(failed.pending())
        .extracting(p -> p.digest())
        .containsExactly("sha256:" + "2".repeat(64));
    assertThat(GitFixtures.read(stateRepo, "main", "images/nginx-site.yaml"))
        .contains("status: failed")
        .contains("outcome: failed")
        .contains("runUrl: " + RUN_PAGE + 1)
        .contains("digest: sha256:" + "2".repeat(64));

    temporal.sleep(Duration.ofHours(1));
    assertThat(github.requests("POST", DISPATCHES)).hasSize(2);
    conclusions.put(2, "success");
    temporal.sleep(Duration.ofMinutes(3));
    assertThat(nginx.status().runtime().lastRebuild().outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
    assertThat(nginx.status().details()).contains("last rebuild nginx-site#2 succeeded");

    event("ghcr.io/example-org/nginx-site", "latest", 'a');
    temporal.sleep(Duration.ofMinutes(1));
    ImageRuntime built = nginx.status().runtime();
    assertThat(built.lastRebuild().outcome()).isEqualTo(RebuildEntry.BUILT);
    assertThat(built.lastRebuild().builtDigest()).isEqualTo("sha256:" + "a".repeat(64));
    assertThat(built.lastBuiltBy()).isEqualTo("nginx-site#2");
    String state = GitFixtures.read(stateRepo, "main", "images/nginx-site.yaml");
    assertThat(state).contains("outcome: built").contains("lastBuiltBy: nginx-site#2");
    assertThat(state).doesNotContain(GITHUB_TOKEN);

    // A push by hand: no dispatched rebuild explains it, and the state says so.
    event("ghcr.io/example-org/nginx-site", "latest", 'b');
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(nginx.status().runtime().lastBuiltBy()).isEqualTo(ImageRuntime.BUILT_OUTSIDE);
    assertThat(GitFixtures.read(stateRepo, "main", "images/nginx-site.yaml"))
        .contains("lastBuiltBy: " + ImageRuntime.BUILT_OUTSIDE);
    assertThat(github.requests("POST", DISPATCHES)).hasSize(2);
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return WorkerHttp.post(baseUrl, TOKEN, path, json);
  }

  private static void event(String repoURL, String tag, char digest) throws Exception {
    HttpResponse<String> answer =
        post(
            "/api/v1/events/image",
            "{\"repoURL\":\""
                + repoURL
                + "\",\"tag\":\""
                + tag
                + "\",\"digest\":\"sha256:"
                + String.valueOf(digest).repeat(64)
                + "\"}");
    assertThat(answer.statusCode()).isEqualTo(202);
  }
}
