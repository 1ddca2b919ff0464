package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.temporal.Eventually;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.testserver.TestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker as it runs unattended, against a Temporal test server run on its own port and a local
 * git state repository, with no CLI call: it enrolls at start (the state files appear in git), a
 * dispatched rebuild and a pending approval survive a restart on a fresh server (restored from git,
 * not dispatched again, the eligibility time kept), a signed GitHub push starts an enrollment that
 * commits what was pushed, and an unsigned or wrongly signed one is refused with 401 and starts
 * nothing. Prints the start-up time and the time from push to commit.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SelfStartingWorkerTest {

  private static final String TOKEN = "self-start-token";
  private static final String SECRET = "github-hook-secret-5d1e";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final HttpClient http = HttpClient.newHttpClient();

  private static final String CATALOG =
      """
      images:
        - name: site
          registry: ghcr.io
          repository: acme/site
          source:
            provider: github
            dockerfile: site/Dockerfile
            workflow: build.yml
          rebuildDelay: PT1S
          autoRebuild: true
        - name: gated
          registry: ghcr.io
          repository: acme/gated
          source:
            provider: github
            dockerfile: site/Dockerfile
            workflow: build.yml
          rebuildDelay: PT1S
          autoRebuild: false
      """;

  @TempDir Path tmp;

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private ConfigurableApplicationContext startWorker(int port, Path secret, String data) {
    return WorkerApplication.application()
        .run(
            "--server.port=0",
            "--spring.temporal.connection.target=127.0.0.1:" + port,
            "--image-factory.state-repo.url=" + tmp.resolve("state.git"),
            "--image-factory.github.state-repository=acme/state",
            "--image-factory.webhook.token=" + TOKEN,
            "--image-factory.hooks.github.secret-file=" + secret,
            "--image-factory.embedded.data-dir=" + tmp.resolve(data));
  }

  private static String baseUrl(ConfigurableApplicationContext worker) {
    return "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");
  }

  private static HttpResponse<String> post(
      ConfigurableApplicationContext worker, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl(worker) + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String signature(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static WorkflowExecutionInfo describe(WorkflowClient client, String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo();
  }

  /** The latest enrollment run, once it has ended; before the first one starts, there is none. */
  private static String endedEnrollment(WorkflowClient client) throws Exception {
    WorkflowExecutionInfo info =
        Eventually.poll(
            WAIT,
            () -> {
              try {
                return describe(client, WorkflowIds.ENROLLMENT);
              } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                  return null;
                }
                throw e;
              }
            },
            i ->
                i != null
                    && i.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(info).as("an enrollment ran").isNotNull();
    assertThat(info.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    return info.getExecution().getRunId();
  }

  private static ImageRuntime runtime(WorkflowClient client, String image) throws Exception {
    return Eventually.poll(
        WAIT,
        () -> {
          try {
            return client
                .newWorkflowStub(ImageWorkflow.class, WorkflowIds.image(image))
                .status()
                .runtime();
          } catch (RuntimeException notYetRunning) {
            return null;
          }
        },
        r -> r != null);
  }

  private static String read(Repository state, String path) throws Exception {
    return GitFixtures.read(state, "main", path);
  }

  @Test
  void enrollsAtStartRestoresFromGitAndEnrollsOnASignedPushOnly() throws Exception {
    Path secret = tmp.resolve("github-hook-secret");
    Files.writeString(secret, SECRET + "\n");
    Repository state = GitFixtures.bare(tmp.resolve("state.git"));
    GitFixtures.commit(
        state,
        "main",
        "catalog",
        Map.of(
            "images.yaml", CATALOG,
            "site/Dockerfile", "FROM nginx:1.27-alpine\n",
            ".github/workflows/build.yml", "on: workflow_dispatch\njobs: {}\n"));

    String eligibleAt;
    int first = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(first, true)) {
      long begin = System.nanoTime();
      try (ConfigurableApplicationContext worker = startWorker(first, secret, "first")) {
        long started = System.nanoTime();
        String enrolled =
            Eventually.poll(WAIT, () -> read(state, "images/site.yaml"), t -> t != null);
        long committed = System.nanoTime();
        assertThat(enrolled).contains("discoveryStatus: success").contains("- nginx-1.27-alpine");
        WorkflowClient client = worker.getBean(WorkflowClient.class);
        assertThat(describe(client, WorkflowIds.DRIFT).getStatus())
            .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        System.out.printf(
            "worker started in %d ms; start-up enrollment committed %d ms after the start began%n",
            TimeUnit.NANOSECONDS.toMillis(started - begin),
            TimeUnit.NANOSECONDS.toMillis(committed - begin));

        // The entity workflows start after the commit; until then Kargo would be told to retry.
        endedEnrollment(client);
        // The first digest Kargo reports is where the base stands; the second is an update.
        for (char digest : new char[] {'1', '2'}) {
          assertThat(
                  post(
                          worker,
                          "/api/v1/events/image",
                          "{\"repoURL\":\"docker.io/library/nginx\",\"tag\":\"1.27-alpine\","
                              + "\"digest\":\"sha256:"
                              + String.valueOf(digest).repeat(64)
                              + "\"}",
                          "Authorization",
                          "Bearer " + TOKEN)
                      .statusCode())
              .isEqualTo(202);
          String base = "currentDigest: sha256:" + String.valueOf(digest).repeat(64);
          Eventually.poll(
              WAIT,
              () -> read(state, "base-images/nginx-1.27-alpine.yaml"),
              t -> t != null && t.contains(base));
        }
        Eventually.poll(
            WAIT,
            () -> read(state, "images/site.yaml"),
            t -> t != null && t.contains("outcome: recorded"));
        String gated =
            Eventually.poll(
                WAIT,
                () -> read(state, "images/gated.yaml"),
                t -> t != null && t.contains("pendingRebuild: true") && t.contains("eligibleAt"));
        eligibleAt =
            gated.substring(
                gated.indexOf("eligibleAt"), gated.indexOf('\n', gated.indexOf("eligibleAt")));
        assertThat(runtime(client, "site").rebuildCount()).isEqualTo(1);
      }
    }

    // A fresh server knows nothing: the new worker's start-up enrollment restores it from git.
    int second = freePort();
    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(second, true);
        ConfigurableApplicationContext worker = startWorker(second, secret, "second")) {
      WorkflowClient client = worker.getBean(WorkflowClient.class);
      String startRun = endedEnrollment(client);
      ImageRuntime site = runtime(client, "site");
      assertThat(site.lastRebuild()).isNotNull();
      assertThat(site.lastRebuild().rebuildId()).isEqualTo("site#1");
      assertThat(site.pending()).as("the dispatched rebuild is not dispatched again").isEmpty();
      ImageRuntime gated = runtime(client, "gated");
      assertThat(gated.awaitingApproval()).isTrue();
      assertThat("eligibleAt: \"" + gated.eligibleAt() + "\"").isEqualTo(eligibleAt.strip());
      String siteState = read(state, "images/site.yaml");
      assertThat(siteState.split("outcome: recorded", -1)).hasSize(2);

      // An unsigned push, a wrongly signed one and a push to another branch start nothing.
      String push = "{\"ref\":\"refs/heads/main\",\"after\":\"0000000\"}";
      HttpResponse<String> unsigned =
          post(worker, "/api/v1/hooks/github", push, "X-GitHub-Event", "push");
      assertThat(unsigned.statusCode()).isEqualTo(401);
      assertThat(unsigned.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
      assertThat(
              post(
                      worker,
                      "/api/v1/hooks/github",
                      push,
                      "X-GitHub-Event",
                      "push",
                      "X-Hub-Signature-256",
                      signature(push.replace("main", "evil")))
                  .statusCode())
          .isEqualTo(401);
      String other = "{\"ref\":\"refs/heads/feature\"}";
      HttpResponse<String> elsewhere =
          post(
              worker,
              "/api/v1/hooks/github",
              other,
              "X-GitHub-Event",
              "push",
              "X-Hub-Signature-256",
              signature(other));
      assertThat(elsewhere.statusCode()).isEqualTo(200);
      assertThat(elsewhere.body()).contains("ignored").contains("refs/heads/feature");
      assertThat(describe(client, WorkflowIds.ENROLLMENT).getExecution().getRunId())
          .isEqualTo(startRun);

      // A signed push of a change to images.yaml: the enrollment it starts commits the change.
      GitFixtures.commit(
          state,
          "main",
          "track postgres",
          Map.of(
              "images.yaml",
              CATALOG
                  + "  - name: postgres\n    registry: docker.io\n"
                  + "    repository: library/postgres\n    allowTags: ^16-alpine$\n"));
      long pushed = System.nanoTime();
      HttpResponse<String> accepted =
          post(
              worker,
              "/api/v1/hooks/github",
              push,
              "X-GitHub-Event",
              "push",
              "X-Hub-Signature-256",
              signature(push));
      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(accepted.body()).contains("\"workflowId\":\"enrollment\"");
      Eventually.poll(WAIT, () -> read(state, "images/postgres.yaml"), t -> t != null);
      long committed = System.nanoTime();
      assertThat(GitFixtures.history(state, "main").get(0).getShortMessage())
          .startsWith("image-factory: ")
          .contains("postgres");
      assertThat(endedEnrollment(client)).isNotEqualTo(startRun);
      System.out.printf(
          "signed GitHub push answered %d, enrollment commit %d ms after the push%n",
          accepted.statusCode(), TimeUnit.NANOSECONDS.toMillis(committed - pushed));
    } finally {
      state.close();
    }
  }
}
