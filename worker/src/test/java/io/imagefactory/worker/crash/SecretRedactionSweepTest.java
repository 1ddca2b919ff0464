package io.imagefactory.worker.crash;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.google.protobuf.ByteString;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.Fixtures;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitHttpServer;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.WorkerApplication;
import io.imagefactory.worker.WorkerHttp;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Recognisable secret values in every secret the worker takes (webhook token, state repository
 * token, source token, GitHub token, GitLab token), then an enrollment, image events, a rebuild
 * dispatched to a local GitHub, a dispatch GitHub refuses with 401, a push the git server fails,
 * and a webhook call presenting the GitHub token as its bearer: no secret is in any log line (DEBUG
 * for our code, JGit and hub4j), in any blob of the state repository's history, in the caches' git
 * files, or in any Temporal payload of any workflow's histories.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SecretRedactionSweepTest {

  private static final Map<String, String> SECRETS =
      Map.of(
          "webhook", "whk-SECRET-" + "w".repeat(24),
          "state-repo", "gst-SECRET-" + "s".repeat(24),
          "sources", "src-SECRET-" + "r".repeat(24),
          "github", "ghp_SECRET" + "g".repeat(26),
          "gitlab", "glpat-SECRET-" + "l".repeat(20));
  private static final String REPO = "/repos/example-org/image-factory-state";

  @TempDir Path dir;

  @Test
  void noSecretReachesALogAStateFileAGitConfigOrATemporalPayload() throws Exception {
    Path examples = CrashFixtures.examples(dir.resolve("examples"), Map.of());
    Path served = Files.createDirectories(dir.resolve("served"));
    Map<String, Path> files = new TreeMap<>();
    for (var secret : SECRETS.entrySet()) {
      files.put(
          secret.getKey(),
          Files.writeString(dir.resolve(secret.getKey() + "-token"), secret.getValue() + "\n"));
    }
    CapturedLogs[] logs = new CapturedLogs[1];
    try (Repository remote = CrashFixtures.remote(served.resolve("state.git"), examples);
        GitHttpServer git =
            GitHttpServer.start(dir.resolve("git-http"), served, SECRETS.get("state-repo"));
        FakeGitHub github = FakeGitHub.start()) {
      answerDispatches(github, examples);
      SpringApplication application = WorkerApplication.application();
      application.addListeners(
          (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
              e ->
                  logs[0] =
                      CapturedLogs.capture(
                          Level.DEBUG, "io.imagefactory", "org.eclipse.jgit", "org.kohsuke"));
      try (ConfigurableApplicationContext worker =
          application.run(
              "--server.port=0",
              "--spring.temporal.test-server.enabled=true",
              "--image-factory.embedded.data-dir=" + dir.resolve("data"),
              "--image-factory.webhook.token-file=" + files.get("webhook"),
              "--image-factory.state-repo.url=" + git.url("state.git"),
              "--image-factory.state-repo.token-file=" + files.get("state-repo"),
              "--image-factory.sources.token-file=" + files.get("sources"),
              "--image-factory.github.token-file=" + files.get("github"),
              "--image-factory.github.base-url=" + github.baseUrl(),
              "--image-factory.github.state-repository=example-org/image-factory-state",
              "--image-factory.gitlab.token-file=" + files.get("gitlab"))) {
        TestWorkflowEnvironment temporal = worker.getBean(TestWorkflowEnvironment.class);
        EntitySearchAttributes.DEFINITIONS.forEach(temporal::registerSearchAttribute);
        WorkflowClient client = worker.getBean(WorkflowClient.class);
        String base =
            "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");

        assertThat(post(base, "/api/v1/enrollment", "{}", SECRETS.get("webhook")).statusCode())
            .isEqualTo(202);
        EnrollmentResult enrolled =
            client.newUntypedWorkflowStub(WorkflowIds.ENROLLMENT).getResult(EnrollmentResult.class);
        assertThat(enrolled.errors()).isEmpty();

        // Someone presents a real secret as the webhook's bearer token: refused, and not echoed.
        assertThat(
                event(base, SECRETS.get("github"), "docker.io/library/nginx", "1.27-alpine", '1'))
            .isEqualTo(401);

        event(base, SECRETS.get("webhook"), "gcr.io/distroless/static-debian12", "nonroot", '1');
        event(base, SECRETS.get("webhook"), "docker.io/library/nginx", "1.27-alpine", '1');
        event(base, SECRETS.get("webhook"), "docker.io/library/golang", "1.23-bookworm", '1');
        event(base, SECRETS.get("webhook"), "docker.io/library/nginx", "1.27-alpine", '2');
        event(base, SECRETS.get("webhook"), "docker.io/library/golang", "1.23-bookworm", '2');
        temporal.sleep(Duration.ofMinutes(3));

        ImageWorkflow nginx =
            client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
        ImageWorkflow api = client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("api"));
        RebuildEntry built =
            CrashFixtures.eventually(
                () -> nginx.status().runtime().lastRebuild(),
                r -> r != null && RebuildEntry.SUCCEEDED.equals(r.outcome()));
        assertThat(built.outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
        RebuildEntry refused =
            CrashFixtures.eventually(
                () -> api.status().runtime().lastRebuild(),
                r -> r != null && RebuildEntry.REJECTED.equals(r.outcome()));
        assertThat(refused.outcome()).isEqualTo(RebuildEntry.REJECTED);
        assertThat(github.requests()).anyMatch(r -> r.path().endsWith("build-api.yml/dispatches"));

        // A push the server fails: the writer tries again on a fresh tip.
        ObjectId before = remote.resolve(Constants.R_HEADS + "main");
        git.failNextPush(GitHttpServer.Fault.BEFORE_UPDATE);
        event(base, SECRETS.get("webhook"), "docker.io/library/nginx", "1.27-alpine", '3');
        temporal.sleep(Duration.ofMinutes(1));
        assertThat(
                CrashFixtures.eventually(
                    () -> remote.resolve(Constants.R_HEADS + "main"), tip -> !tip.equals(before)))
            .isNotEqualTo(before);
        assertThat(logs[0].lines()).anyMatch(l -> l.contains("could not push to state repository"));

        List<String> workflowIds =
            new ArrayList<>(List.of(WorkflowIds.ENROLLMENT, WorkflowIds.STATE_REPO));
        for (String path : paths(remote)) {
          if (path.startsWith("images/")) {
            workflowIds.add(WorkflowIds.image(name(path)));
          } else if (path.startsWith("base-images/")) {
            workflowIds.add(WorkflowIds.base(name(path)));
          }
        }
        List<ByteString> payloads = new ArrayList<>();
        for (String id : workflowIds) {
          payloads.addAll(TemporalPayloads.of(client.getWorkflowServiceStubs(), "default", id));
        }
        assertThat(workflowIds).hasSizeGreaterThan(10);

        List<String> lines = logs[0].lines();
        List<String> blobs = blobs(remote);
        List<String> gitFiles = gitFiles(dir.resolve("data"));
        assertThat(lines).hasSizeGreaterThan(50);
        assertThat(blobs).anyMatch(b -> b.contains("outcome: rejected"));
        assertThat(gitFiles).isNotEmpty();
        // The scans see what they search: a digest the events carried is in the payloads.
        ByteString digest = ByteString.copyFromUtf8("sha256:" + "2".repeat(64));
        assertThat(payloads).anyMatch(p -> contains(p, digest));
        for (var secret : SECRETS.entrySet()) {
          String value = secret.getValue();
          assertThat(lines).as("log lines, " + secret.getKey()).noneMatch(l -> l.contains(value));
          assertThat(blobs)
              .as("state repository, " + secret.getKey())
              .noneMatch(b -> b.contains(value));
          assertThat(gitFiles)
              .as("cache git files, " + secret.getKey())
              .noneMatch(f -> f.contains(value));
          ByteString bytes = ByteString.copyFromUtf8(value);
          assertThat(payloads)
              .as("Temporal payloads, " + secret.getKey())
              .noneMatch(p -> contains(p, bytes));
        }
      }
    } finally {
      if (logs[0] != null) {
        logs[0].close();
      }
    }
  }

  private static void answerDispatches(FakeGitHub github, Path examples) throws Exception {
    for (String workflow : List.of("build-nginx-site.yml", "build-api.yml")) {
      github.on(
          "GET",
          REPO + "/contents/.github/workflows/" + workflow,
          Fixtures.contents(Files.readString(examples.resolve(".github/workflows/" + workflow))));
    }
    github.on(
        "POST",
        REPO + "/actions/workflows/build-nginx-site.yml/dispatches",
        Answer.json(
            200,
            "{\"workflow_run_id\": 7, \"run_url\": \""
                + github.baseUrl()
                + REPO
                + "/actions/runs/7\", \"html_url\": \"https://github.com/example-org/image-factory-state/actions/runs/7\"}"));
    github.on(
        "GET",
        REPO + "/actions/runs/7",
        Answer.json(
            200, Fixtures.run(7, "Build nginx-site", Instant.now(), "completed", "success")));
    github.on(
        "POST",
        REPO + "/actions/workflows/build-api.yml/dispatches",
        Answer.json(401, "{\"message\": \"Bad credentials\", \"status\": \"401\"}"));
  }

  private static HttpResponse<String> post(String base, String path, String json, String token)
      throws Exception {
    return WorkerHttp.post(base, token, path, json);
  }

  private static int event(String base, String token, String repoURL, String tag, char digest)
      throws Exception {
    return post(
            base,
            "/api/v1/events/image",
            "{\"repoURL\":\""
                + repoURL
                + "\",\"tag\":\""
                + tag
                + "\",\"digest\":\"sha256:"
                + String.valueOf(digest).repeat(64)
                + "\"}",
            token)
        .statusCode();
  }

  private static String name(String path) {
    String file = path.substring(path.indexOf('/') + 1);
    return file.substring(0, file.length() - ".yaml".length());
  }

  private static List<String> paths(Repository repo) throws Exception {
    List<String> paths = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo);
        TreeWalk tree = new TreeWalk(repo)) {
      tree.addTree(walk.parseCommit(repo.resolve(Constants.R_HEADS + "main")).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        paths.add(tree.getPathString());
      }
    }
    return paths;
  }

  /** Every file of every commit on {@code main}, and every commit message. */
  private static List<String> blobs(Repository repo) throws Exception {
    List<String> texts = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve(Constants.R_HEADS + "main")));
      for (RevCommit commit : walk) {
        texts.add(commit.getFullMessage());
        try (TreeWalk tree = new TreeWalk(repo)) {
          tree.addTree(commit.getTree());
          tree.setRecursive(true);
          while (tree.next()) {
            ObjectLoader blob = repo.open(tree.getObjectId(0));
            texts.add(new String(blob.getBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return texts;
  }

  /** The text files git keeps beside the objects of every cache under {@code data}. */
  private static List<String> gitFiles(Path data) throws Exception {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(data)) {
      for (Path file : (Iterable<Path>) walk::iterator) {
        String name = file.getFileName().toString();
        if (Files.isRegularFile(file)
            && (name.equals("config") || name.equals("FETCH_HEAD") || name.equals("packed-refs"))) {
          texts.add(file + "\n" + Files.readString(file));
        }
      }
    }
    return texts;
  }

  private static boolean contains(ByteString haystack, ByteString needle) {
    for (int i = 0; i + needle.size() <= haystack.size(); i++) {
      if (haystack.substring(i, i + needle.size()).equals(needle)) {
        return true;
      }
    }
    return false;
  }
}
