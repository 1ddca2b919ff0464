package io.imagefactory.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitHttpServer;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The state repository's remote refuses every push for a while, served over smart HTTP to a whole
 * worker on the time-skipping test server. Three digests of a base reported meanwhile wait in the
 * base's outbox, which says in its details line that the writer is behind and why; an enrollment
 * run meanwhile waits, saying so in its progress. Once the remote takes pushes again, the digests
 * land in the order they were reported: the newest current, the two before it in the digest
 * history, newest first, none lost; and the enrollment commits.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StateRepoOutageTest {

  private static final String WEBHOOK_TOKEN = "outage-webhook-token";
  private static final String GIT_TOKEN = "outage-git-token-" + "g".repeat(16);
  private static final String BASE = "nginx-1.27-alpine";
  private static final String BASE_FILE = "base-images/" + BASE + ".yaml";

  @TempDir Path dir;

  @Test
  void digestsReportedWhileTheRemoteRefusesPushesLandLaterInOrder() throws Exception {
    Path examples = FaultFixtures.examples(dir.resolve("examples"));
    Path served = Files.createDirectories(dir.resolve("served"));
    Path tokenFile = Files.writeString(dir.resolve("state-token"), GIT_TOKEN);
    try (Repository remote = FaultFixtures.remote(served.resolve("state.git"), examples);
        GitHttpServer git = GitHttpServer.start(dir.resolve("git-http"), served, GIT_TOKEN)) {
      ConfigurableApplicationContext worker =
          WorkerApplication.application()
              .run(
                  "--server.port=0",
                  "--image-factory.enrollment.on-start=false",
                  "--image-factory.enrollment.drift-interval=0",
                  "--spring.temporal.test-server.enabled=true",
                  "--image-factory.webhook.token=" + WEBHOOK_TOKEN,
                  "--image-factory.embedded.data-dir=" + dir.resolve("data"),
                  "--image-factory.state-repo.url=" + git.url("state.git"),
                  "--image-factory.state-repo.token-file=" + tokenFile);
      try {
        TestWorkflowEnvironment temporal = worker.getBean(TestWorkflowEnvironment.class);
        EntitySearchAttributes.DEFINITIONS.forEach(temporal::registerSearchAttribute);
        WorkflowClient client = worker.getBean(WorkflowClient.class);
        String baseUrl =
            "http://127.0.0.1:" + worker.getEnvironment().getProperty("local.server.port");

        EnrollmentResult enrolled = enroll(baseUrl, client);
        assertThat(enrolled.errors()).isEmpty();
        assertThat(enrolled.committed()).isTrue();
        assertThat(GitFixtures.read(remote, "main", BASE_FILE))
            .doesNotContain("currentDigest: sha256");

        git.failPushes(GitHttpServer.Fault.BEFORE_UPDATE);
        ObjectId refusedAt = remote.resolve(Constants.R_HEADS + "main");
        List<String> reported = List.of(digest('1'), digest('2'), digest('3'));
        for (String digest : reported) {
          HttpResponse<String> response = event(baseUrl, digest);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        BaseImageWorkflow base =
            client.newWorkflowStub(BaseImageWorkflow.class, WorkflowIds.base(BASE));
        // The writer tries its commit a few times, then answers with the last attempt's cause.
        String details =
            FaultFixtures.skipping(
                temporal,
                Duration.ofSeconds(30),
                () -> base.status().details(),
                d -> d.contains("state repository behind: commit failed"));
        assertThat(details)
            .as("the base says the writer is behind, and why")
            .contains("at " + digest('3'))
            .contains("state repository behind: commit failed")
            .contains("could not push to state repository")
            .contains("trying again in")
            .doesNotContain(GIT_TOKEN);

        // An enrollment that has something to commit while the remote refuses.
        GitFixtures.commit(
            remote,
            "main",
            "web soaks longer",
            Map.of(
                "images.yaml",
                GitFixtures.read(remote, "main", "images.yaml")
                    .replace("rebuildDelay: 2m", "rebuildDelay: 3m")));
        refusedAt = remote.resolve(Constants.R_HEADS + "main");
        // The enrollment waits for the remote, saying why; its retries are timers, so waiting
        // with time skipped is what moves it on.
        requestEnrollment(baseUrl);
        EnrollmentWorkflow enrollment =
            client.newWorkflowStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT);
        String phase =
            FaultFixtures.skipping(
                temporal,
                Duration.ofSeconds(30),
                () -> enrollment.progress().phase(),
                p -> p.contains("state repository behind"));
        assertThat(phase)
            .as("the enrollment says the writer could not commit yet, and why")
            .contains("committing; state repository behind: commit failed")
            .contains("could not push to state repository", "trying again in")
            .doesNotContain(GIT_TOKEN);
        assertThat(git.failedPushes()).isGreaterThan(1);
        assertThat(remote.resolve(Constants.R_HEADS + "main")).isEqualTo(refusedAt);

        git.acceptPushes();
        String recorded =
            FaultFixtures.skipping(
                temporal,
                Duration.ofMinutes(10),
                () -> GitFixtures.read(remote, "main", BASE_FILE),
                text -> text.contains("currentDigest: " + digest('3')));
        assertThat(recorded).contains("currentDigest: " + digest('3'));
        assertThat(historyOf(recorded))
            .as("the older digests, newest first, none lost")
            .containsExactly(digest('2'), digest('1'));
        assertThat(
                FaultFixtures.skipping(
                    temporal,
                    Duration.ofMinutes(1),
                    () -> base.status().details(),
                    d -> !d.contains("state repository behind")))
            .doesNotContain("state repository behind");
        FaultFixtures.skipping(
            temporal,
            Duration.ofMinutes(1),
            () -> enrollment.progress().phase(),
            p -> p.startsWith("done"));
        EnrollmentResult caughtUp = FinishedEnrollment.of(client);
        assertThat(caughtUp.errors()).isEmpty();
        assertThat(caughtUp.committed())
            .as("the enrollment asked for during the outage commits once pushes are taken")
            .isTrue();
        assertThat(GitFixtures.read(remote, "main", "images/web.yaml"))
            .contains("rebuildDelay: 3m");
        List<String> messages =
            GitFixtures.history(remote, "main").stream().map(c -> c.getShortMessage()).toList();
        assertThat(messages).noneMatch(m -> m.contains("force"));
      } finally {
        worker.close();
      }
    }
  }

  private static EnrollmentResult enroll(String baseUrl, WorkflowClient client) throws Exception {
    requestEnrollment(baseUrl);
    return FinishedEnrollment.of(client);
  }

  private static void requestEnrollment(String baseUrl) throws Exception {
    HttpResponse<String> response =
        FaultFixtures.post(baseUrl, WEBHOOK_TOKEN, "/api/v1/enrollment", "{}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  /** Reports a digest as Kargo's http step does, which sends again on a 503, a few times. */
  private static HttpResponse<String> event(String baseUrl, String digest) throws Exception {
    String body =
        "{\"repoURL\":\"docker.io/library/nginx\",\"tag\":\"1.27-alpine\",\"digest\":\""
            + digest
            + "\",\"warehouse\":\"w\",\"freight\":\"f\"}";
    HttpResponse<String> response =
        FaultFixtures.post(baseUrl, WEBHOOK_TOKEN, "/api/v1/events/image", body);
    for (int attempt = 1; response.statusCode() == 503 && attempt < 5; attempt++) {
      TimeUnit.MILLISECONDS.sleep(500);
      response = FaultFixtures.post(baseUrl, WEBHOOK_TOKEN, "/api/v1/events/image", body);
    }
    return response;
  }

  private static String digest(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  /** The digests of the state file's {@code digestHistory}, in file order. */
  private static List<String> historyOf(String stateFile) {
    int at = stateFile.indexOf("digestHistory:");
    assertThat(at).as(stateFile).isNotNegative();
    Matcher m = Pattern.compile("digest: (sha256:[0-9a-f]{64})").matcher(stateFile.substring(at));
    return m.results().map(r -> r.group(1)).toList();
  }
}
