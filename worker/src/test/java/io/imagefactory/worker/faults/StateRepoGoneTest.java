package io.imagefactory.worker.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.TimeSkippingWorker;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state repository's remote is gone altogether (its directory deleted), not refusing: a digest
 * reported meanwhile waits in its base, whose details line says the writer is behind and the real
 * cause; an enrollment asked for meanwhile waits, saying it cannot read the state repository. Once
 * the directory is back, both land: the digest in the base's state file, the enrollment as a commit
 * of the edit it could not read before.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StateRepoGoneTest {

  private static final String TOKEN = "gone-webhook-token";
  private static final String BASE = "nginx-1.27-alpine";
  private static final String DIGEST = "sha256:" + "4".repeat(64);

  @TempDir Path dir;

  @Test
  void changesMadeWhileTheRemoteIsGoneWaitAndLandWhenItReturns() throws Exception {
    Path data = dir.resolve("data");
    try (TimeSkippingWorker worker = TimeSkippingWorker.start(data, TOKEN)) {
      assertThat(enroll(worker)).isEqualTo(202);
      EnrollmentResult first = FinishedEnrollment.of(worker.client);
      assertThat(first.errors()).isEmpty();
      assertThat(first.committed()).isTrue();

      // An edit the next enrollment has to read and commit, made just before the remote goes.
      GitFixtures.commit(
          worker.stateRepo,
          "main",
          "web soaks longer",
          Map.of(
              "images.yaml",
              GitFixtures.read(worker.stateRepo, "main", "images.yaml")
                  .replace("rebuildDelay: 2m", "rebuildDelay: 3m")));
      Path remote = data.resolve("state-repo.git");
      Path away = Files.move(remote, dir.resolve("gone.git"));

      HttpResponse<String> event =
          FaultFixtures.post(
              worker.baseUrl,
              TOKEN,
              "/api/v1/events/image",
              "{\"repoURL\":\"docker.io/library/nginx\",\"tag\":\"1.27-alpine\",\"digest\":\""
                  + DIGEST
                  + "\"}");
      assertThat(event.statusCode()).as(event.body()).isEqualTo(202);
      BaseImageWorkflow base =
          worker.client.newWorkflowStub(BaseImageWorkflow.class, WorkflowIds.base(BASE));
      String details =
          FaultFixtures.skipping(
              worker.temporal,
              Duration.ofSeconds(30),
              () -> base.status().details(),
              d -> d.contains("state repository behind"));
      assertThat(details)
          .as("the base says the writer is behind, and the real cause")
          .contains("at " + DIGEST)
          .contains("state repository behind: commit failed")
          .contains("could not fetch state repository")
          .doesNotContain("unanswered");

      assertThat(enroll(worker)).isEqualTo(202);
      EnrollmentWorkflow enrollment =
          worker.client.newWorkflowStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT);
      String phase =
          FaultFixtures.skipping(
              worker.temporal,
              Duration.ofMinutes(1),
              () -> enrollment.progress().phase(),
              p -> p.contains("cannot read the state repository"));
      assertThat(phase)
          .as("the enrollment waits and says why")
          .contains("cannot read the state repository (could not fetch state repository")
          .contains("trying again in");

      // An hour of outage costs a bounded number of attempts, each logged as one line.
      List<String> hour;
      try (CapturedLogs logs = CapturedLogs.capture(Level.WARN)) {
        for (int minute = 0; minute < 60; minute++) {
          worker.temporal.sleep(Duration.ofMinutes(1));
        }
        hour = logs.lines();
      }
      long catalogReads = hour.stream().filter(l -> l.contains("images.yaml not read")).count();
      System.out.printf(
          "state repository gone for 1 h (skipped): %d log line(s), %d catalog read attempt(s)%n",
          hour.size(), catalogReads);
      assertThat(catalogReads).as("catalog read attempts in an hour").isBetween(2L, 40L);
      assertThat(hour).as("log lines in an hour of outage").hasSizeLessThan(300);
      assertThat(hour).as("one line per attempt, no stack traces").noneMatch(l -> l.contains("\n"));

      Files.move(away, remote);
      String recorded =
          FaultFixtures.skipping(
              worker.temporal,
              Duration.ofMinutes(5),
              () -> GitFixtures.read(worker.stateRepo, "main", "base-images/" + BASE + ".yaml"),
              text -> text.contains("currentDigest: " + DIGEST));
      assertThat(recorded).contains("currentDigest: " + DIGEST);
      String web =
          FaultFixtures.skipping(
              worker.temporal,
              Duration.ofMinutes(5),
              () -> GitFixtures.read(worker.stateRepo, "main", "images/web.yaml"),
              text -> text.contains("rebuildDelay: 3m"));
      assertThat(web)
          .as("the enrollment asked for while the remote was gone")
          .contains("rebuildDelay: 3m");
      EnrollmentResult caughtUp = FinishedEnrollment.of(worker.client);
      assertThat(caughtUp.errors()).isEmpty();
      assertThat(caughtUp.committed()).isTrue();
      assertThat(
              FaultFixtures.skipping(
                  worker.temporal,
                  Duration.ofMinutes(1),
                  () -> base.status().details(),
                  d -> !d.contains("state repository behind")))
          .doesNotContain("state repository behind");
    }
  }

  private static int enroll(TimeSkippingWorker worker) throws Exception {
    return FaultFixtures.post(worker.baseUrl, TOKEN, "/api/v1/enrollment", "{}").statusCode();
  }
}
