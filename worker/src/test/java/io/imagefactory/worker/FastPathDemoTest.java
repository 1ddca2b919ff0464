package io.imagefactory.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.temporal.Eventually;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of {@code docs/fast-path.md} against a real worker on the embedded default's state
 * repository: nginx-site soaks a week; a report of a critical CVE in today's nginx digest, then a
 * new digest and its clean report, and the rebuild goes out without the week going by.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FastPathDemoTest {

  private static final String TOKEN = "fast-path-demo-token";
  private static final String NGINX = "docker.io/library/nginx";
  private static final String OLD = "sha256:" + "1".repeat(64);
  private static final String NEW = "sha256:" + "2".repeat(64);
  private static final String CVE = "CVE-2025-0001";

  @TempDir static Path data;
  static TimeSkippingWorker worker;

  @BeforeAll
  static void start() throws Exception {
    worker = TimeSkippingWorker.start(data, TOKEN);
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
  }

  /** The demo's {@code report}: a minimal Trivy report with these critical ids. */
  static String report(String... critical) {
    StringBuilder vulns = new StringBuilder();
    for (String id : critical) {
      vulns
          .append(vulns.isEmpty() ? "" : ",")
          .append("{\"VulnerabilityID\": \"" + id + "\", \"Severity\": \"CRITICAL\"}");
    }
    return "{\"SchemaVersion\": 2, \"Trivy\": {\"Version\": \"0.58.1\"}, \"Results\": [{\"Target\":"
        + " \"nginx\", \"Vulnerabilities\": ["
        + vulns
        + "]}]}";
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return WorkerHttp.post(worker.baseUrl, TOKEN, path, json);
  }

  /** The demo's {@code scan}: posted until the worker's index has the digest's commit. */
  private static HttpResponse<String> scan(String digest, String... critical) throws Exception {
    return Eventually.poll(
        Duration.ofSeconds(30),
        () -> post("/api/v1/events/scan?digest=" + digest, report(critical)),
        response -> response.statusCode() != 404);
  }

  @Test
  void aReportThatFixesACriticalCveRebuildsWithoutWaiting() throws Exception {
    String catalog = GitFixtures.read(worker.stateRepo, "main", "images.yaml");
    GitFixtures.commit(
        worker.stateRepo,
        "main",
        "nginx-site soaks a week",
        Map.of("images.yaml", catalog.replaceFirst("rebuildDelay: 1m", "rebuildDelay: 7d")));
    assertThat(post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
    EnrollmentResult enrolled = FinishedEnrollment.of(worker.client);
    assertThat(enrolled.errors()).isEmpty();

    assertThat(
            post("/api/v1/events/image", WorkerHttp.imageEvent(NGINX, "1.27-alpine", OLD))
                .statusCode())
        .isEqualTo(202);
    HttpResponse<String> oldScan = scan(OLD, CVE);
    assertThat(oldScan.statusCode()).as(oldScan.body()).isEqualTo(202);
    assertThat(oldScan.body()).contains("\"workflowId\":\"base/nginx-1.27-alpine\"");

    assertThat(
            post("/api/v1/events/image", WorkerHttp.imageEvent(NGINX, "1.27-alpine", NEW))
                .statusCode())
        .isEqualTo(202);
    ImageWorkflow nginx =
        worker.client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
    Eventually.poll(Duration.ofSeconds(30), nginx::status, s -> !s.runtime().pending().isEmpty());
    worker.temporal.sleep(Duration.ofMinutes(5));
    assertThat(nginx.status().runtime().lastRebuild()).as("a week's soak, not over").isNull();
    assertThat(nginx.status().details()).contains("to mature");

    HttpResponse<String> newScan = scan(NEW);
    assertThat(newScan.statusCode()).as(newScan.body()).isEqualTo(202);

    worker.temporal.sleep(Duration.ofSeconds(30));
    ImageStatus status =
        Eventually.poll(
            Duration.ofSeconds(30), nginx::status, s -> s.runtime().lastRebuild() != null);
    RebuildEntry rebuild = status.runtime().lastRebuild();
    assertThat(rebuild.trigger()).isEqualTo("fast-path");
    assertThat(rebuild.fastPath()).containsExactly(CVE);
    assertThat(rebuild.outcome()).isEqualTo("recorded");
    assertThat(rebuild.baseDigests()).containsEntry("nginx-1.27-alpine", NEW);

    String recorded =
        Eventually.poll(
            Duration.ofSeconds(30),
            () -> GitFixtures.read(worker.stateRepo, "main", "images/nginx-site.yaml"),
            text -> text.contains("trigger: fast-path"));
    assertThat(recorded).contains("fastPath:", "- " + CVE);
    String base =
        Eventually.poll(
            Duration.ofSeconds(30),
            () -> GitFixtures.read(worker.stateRepo, "main", "base-images/nginx-1.27-alpine.yaml"),
            text -> text.contains("digest: " + NEW));
    assertThat(base).contains("scans:", "digest: " + OLD, "id: " + CVE, "scanner: trivy 0.58.1");
  }
}
