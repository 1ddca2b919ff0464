package io.imagefactory.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.TimeSkippingWorker;
import io.imagefactory.worker.WorkerHttp;
import io.imagefactory.worker.temporal.Eventually;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The metrics of a real worker (embedded server, local state repository seeded from {@code
 * examples/}) after an enrollment, Kargo events, a rebuild and the build that closes it: the scrape
 * of {@code /actuator/prometheus} shows what happened, and every metric the monitoring component's
 * alert rules and dashboard read is one the worker exports.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MetricsEndToEndTest {

  private static final String TOKEN = "metrics-token";
  private static final String NGINX_DIGEST = "sha256:" + "1".repeat(64);
  private static final String NGINX_UPDATE = "sha256:" + "2".repeat(64);
  private static final String MONITORING = "deploy/kustomize/components/monitoring";

  @TempDir static Path data;
  static TimeSkippingWorker fixture;
  static ConfigurableApplicationContext worker;
  static TestWorkflowEnvironment temporal;
  static WorkflowClient client;
  static Repository stateRepo;
  static String baseUrl;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startWorker() throws Exception {
    fixture = TimeSkippingWorker.start(data, TOKEN);
    worker = fixture.context;
    temporal = fixture.temporal;
    client = fixture.client;
    baseUrl = fixture.baseUrl;
    stateRepo = fixture.stateRepo;
  }

  @AfterAll
  static void stopWorker() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void aScrapeAfterAnEnrollmentAndARebuildShowsThemAndServesEveryMetricTheRulesAndDashboardUse()
      throws Exception {
    assertThat(post("/api/v1/enrollment", "{}").statusCode()).isEqualTo(202);
    EnrollmentResult enrolled = FinishedEnrollment.of(client);
    assertThat(enrolled.errors()).isEmpty();
    int bases = count("base-images/");

    Scrape enrollment =
        eventually(this::scrape, s -> s.sum("image_factory_images", "kind", "managed") == 6);
    assertThat(enrollment.sum("image_factory_images", "kind", "external")).isEqualTo(1);
    assertThat(enrollment.sum("image_factory_images", "kind", "base")).isEqualTo(bases);
    assertThat(enrollment.sum("image_factory_enrollments_total", "outcome", "succeeded")).isOne();
    assertThat(enrollment.sum("image_factory_enrollments_total")).isOne();
    assertThat(enrollment.sum("image_factory_enrollment_duration_seconds_count")).isOne();
    assertThat(enrollment.sum("image_factory_analyses_total", "outcome", "analysed")).isEqualTo(6);
    assertThat(enrollment.sum("image_factory_analyses_total")).isEqualTo(6);
    assertThat(
            enrollment.sum("image_factory_lifecycle_transitions_total", "transition", "enrolled"))
        .isEqualTo(7);
    assertThat(
            enrollment.sum(
                "image_factory_lifecycle_transitions_total", "transition", "base-discovered"))
        .isEqualTo(bases);
    assertThat(enrollment.sum("image_factory_state_commits_total", "outcome", "committed")).isOne();

    // The first digest Kargo reports is where the base stands; the second is an update. An entity
    // not running yet is answered 503 with an enrollment requested, and Kargo retries: so do we.
    assertThat(
            eventually(
                    () -> event("docker.io/library/nginx", "1.27-alpine", NGINX_DIGEST),
                    r -> r.statusCode() != 503)
                .statusCode())
        .isEqualTo(202);
    assertThat(event("docker.io/library/nginx", "1.27-alpine", NGINX_UPDATE).statusCode())
        .isEqualTo(202);
    assertThat(event("quay.io/nobody/unknown", "1", NGINX_DIGEST).statusCode()).isEqualTo(404);
    assertThat(post("/api/v1/events/image", "{\"repoURL\":1}").statusCode()).isEqualTo(400);

    ImageWorkflow nginx =
        client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image("nginx-site"));
    temporal.sleep(Duration.ofSeconds(30));
    // Skipped time says when the fan-out may run, not that it has: read until it has.
    assertThat(eventually(() -> nginx.status().runtime().pending(), p -> p.size() == 1)).hasSize(1);
    temporal.sleep(Duration.ofMinutes(1));
    RebuildEntry rebuild = nginx.status().runtime().lastRebuild();
    // On a loaded machine the timer's workflow task may still be running, or waiting on the writer.
    for (int step = 0; rebuild == null && step < 10; step++) {
      rebuild =
          eventually(
              () -> nginx.status().runtime().lastRebuild(), r -> r != null, Duration.ofSeconds(3));
      temporal.sleep(Duration.ofSeconds(10));
    }
    assertThat(rebuild).isNotNull();
    assertThat(rebuild.outcome()).isEqualTo(RebuildEntry.RECORDED);
    temporal.sleep(Duration.ofSeconds(10));
    eventually(
        () -> GitFixtures.read(stateRepo, "main", "images/nginx-site.yaml"),
        text -> text.contains("outcome: recorded"));

    // Kargo sees the rebuilt image: its new build closes the rebuild.
    assertThat(
            event("ghcr.io/example-org/nginx-site", "1.0.1", "sha256:" + "a".repeat(64))
                .statusCode())
        .isEqualTo(202);
    temporal.sleep(Duration.ofSeconds(10));
    eventually(
        () -> GitFixtures.read(stateRepo, "main", "images/nginx-site.yaml"),
        text -> text.contains("outcome: built"));

    Scrape scrape =
        eventually(
            this::scrape, s -> s.sum("image_factory_rebuild_build_delay_seconds_count") == 1);

    assertThat(scrape.sum("image_factory_images", "kind", "managed")).isEqualTo(6);
    assertThat(scrape.sum("image_factory_images", "kind", "external")).isEqualTo(1);
    assertThat(scrape.sum("image_factory_images", "kind", "base")).isEqualTo(bases);
    assertThat(scrape.sum("image_factory_images_stale")).isZero();
    assertThat(scrape.sum("image_factory_images", "kind", "managed", "status", "watching"))
        .as("the rebuilt image watches its bases again")
        .isEqualTo(6);
    assertThat(
            scrape.sum(
                "image_factory_rebuild_dispatches_total",
                "provider",
                "github",
                "outcome",
                "recorded"))
        .isOne();
    assertThat(scrape.sum("image_factory_rebuild_dispatch_delay_seconds_count")).isOne();
    // The build's time comes from the webhook's clock, the first-seen time from skipped time.
    assertThat(scrape.sum("image_factory_rebuild_build_delay_seconds_count")).isOne();
    // Seen, then a one-minute delay: the sample is at least that, within the one-hour bucket.
    assertThat(scrape.sum("image_factory_rebuild_dispatch_delay_seconds_sum"))
        .isGreaterThanOrEqualTo(60);
    assertThat(scrape.sum("image_factory_rebuild_dispatch_delay_seconds_bucket", "le", "3600.0"))
        .isOne();
    assertThat(scrape.sum("image_factory_webhook_events_total", "outcome", "accepted"))
        .isEqualTo(3);
    assertThat(scrape.sum("image_factory_webhook_events_total", "outcome", "not-watched")).isOne();
    assertThat(scrape.sum("image_factory_webhook_events_total", "outcome", "invalid")).isOne();
    assertThat(scrape.sum("image_factory_state_commits_total", "outcome", "committed"))
        .isGreaterThanOrEqualTo(3);
    assertThat(scrape.names()).contains("image_factory_state_push_retries_total");

    assertThat(scrape.names()).containsAll(metricsUsedByTheMonitoringComponent());
  }

  /** Every metric name in the PrometheusRule's {@code expr}s and the dashboard's targets. */
  private static Set<String> metricsUsedByTheMonitoringComponent() throws Exception {
    Path dir = projectDir().resolve(MONITORING);
    Set<String> used = new TreeSet<>();
    JsonNode rule =
        new ObjectMapper(new YAMLFactory()).readTree(dir.resolve("prometheusrule.yaml").toFile());
    for (JsonNode group : rule.path("spec").path("groups")) {
      for (JsonNode r : group.path("rules")) {
        used.addAll(PromQlMetrics.in(r.path("expr").asText()));
      }
    }
    JsonNode dashboard = new ObjectMapper().readTree(dir.resolve("dashboard.json").toFile());
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        used.addAll(PromQlMetrics.in(target.path("expr").asText()));
      }
    }
    assertThat(used).as("metrics the rules and dashboard use").hasSizeGreaterThan(10);
    return used;
  }

  private Scrape scrape() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Scrape.parse(response.body());
  }

  private static Path projectDir() {
    return Path.of(System.getProperty("image-factory.project-dir"));
  }

  private static int count(String dir) throws Exception {
    int files = 0;
    try (TreeWalk walk = new TreeWalk(stateRepo)) {
      walk.addTree(stateRepo.parseCommit(stateRepo.resolve("refs/heads/main")).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        files += walk.getPathString().startsWith(dir) ? 1 : 0;
      }
    }
    return files;
  }

  /**
   * Reads {@code value} until {@code done} holds, for at most 30 s of real time (or {@code limit}):
   * skipped time says when a timer fires, not when the worker has finished the work it started.
   */
  private static <T> T eventually(Callable<T> value, Predicate<T> done) throws Exception {
    return eventually(value, done, Duration.ofSeconds(30));
  }

  private static <T> T eventually(Callable<T> value, Predicate<T> done, Duration limit)
      throws Exception {
    return Eventually.poll(limit, value, done);
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return WorkerHttp.post(baseUrl, TOKEN, path, json);
  }

  private static HttpResponse<String> event(String repoURL, String tag, String digest)
      throws Exception {
    return post(
        "/api/v1/events/image",
        "{\"repoURL\":\""
            + repoURL
            + "\",\"tag\":\""
            + tag
            + "\",\"digest\":\""
            + digest
            + "\",\"warehouse\":\"w\",\"freight\":\"f\"}");
  }
}
