package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.FinishedEnrollment;
import io.imagefactory.worker.TimeSkippingWorker;
import io.imagefactory.worker.WorkerHttp;
import io.imagefactory.worker.temporal.Eventually;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/plan} of a real worker over the enrolled example state: the what-if with the
 * worker's limits, 404 naming the closest known bases, 400 for a malformed reference, 401 without
 * the token.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlanControllerTest {

  private static final String TOKEN = "plan-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  @Test
  void plansWithTheWorkersLimitsOverItsIndexAndRefusesBadBases() throws Exception {
    try (TimeSkippingWorker worker =
        TimeSkippingWorker.start(
            data, TOKEN, "--image-factory.rebuild-budget.runs-per-repository=3")) {
      assertThat(WorkerHttp.post(worker.baseUrl, TOKEN, "/api/v1/enrollment", "{}").statusCode())
          .isEqualTo(202);
      assertThat(FinishedEnrollment.of(worker.client).errors()).isEmpty();

      HttpResponse<String> ok =
          Eventually.poll(
              Duration.ofSeconds(30),
              () ->
                  get(
                      worker,
                      "docker.io/library/node:22-bookworm-slim&now=2025-06-09T08:00:00Z",
                      TOKEN),
              r -> r.statusCode() == 200);
      JsonNode plan = JSON.readTree(ok.body());
      assertThat(plan.path("base").path("name").asText()).isEqualTo("node-22-bookworm-slim");
      assertThat(plan.path("limits").path("runsPerRepository").asInt()).isEqualTo(3);
      assertThat(plan.path("runDuration").asText()).isEqualTo("15m");
      assertThat(plan.path("rebuilds").findValuesAsText("image")).contains("web");
      assertThat(ok.headers().firstValue(ImagesController.STATE_COMMIT)).isPresent();

      HttpResponse<String> unknown = get(worker, "docker.io/library/node:22-bookworm", TOKEN);
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(JSON.readTree(unknown.body()).path("detail").asText())
          .contains("the closest known: docker.io/library/node:22-bookworm-slim");
      HttpResponse<String> malformed = get(worker, "docker.io/library/node", TOKEN);
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.body()).contains("has no tag");
      assertThat(get(worker, "docker.io/library/node:22-bookworm-slim", "wrong").statusCode())
          .isEqualTo(401);
    }
  }

  private static HttpResponse<String> get(TimeSkippingWorker worker, String base, String token)
      throws Exception {
    String query =
        URLEncoder.encode(base.split("&")[0], StandardCharsets.UTF_8)
            + (base.contains("&") ? "&" + base.split("&", 2)[1] : "");
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(worker.baseUrl + "/api/v1/plan?base=" + query))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
