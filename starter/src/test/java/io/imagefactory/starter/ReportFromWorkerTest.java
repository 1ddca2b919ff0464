package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportFromWorkerTest {

  private static final Instant BUILT = Instant.parse("2025-01-15T00:00:00Z");

  @Test
  void readsTheImagesFromTheWorkersApiWithoutAnAuditTrail() throws IOException {
    ImageConfig config =
        new ImageConfig(
            "api",
            ImageKind.MANAGED,
            Duration.ofDays(7),
            true,
            List.of("golang-1.23"),
            List.of(),
            List.of(),
            null,
            Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageRuntime runtime =
        ImageRuntime.empty()
            .withBuild(ReportFleet.digest('2'), "v1", BUILT, null)
            .withPending(
                List.of(
                    new PendingDigest(
                        "golang-1.23",
                        ReportFleet.digest('b'),
                        Instant.parse("2025-01-20T00:00:00Z"))),
                false,
                Instant.parse("2025-01-27T00:00:00Z"));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", "api");
    view.put("kind", "managed");
    view.put("workflow", "found");
    view.put("config", config);
    view.put("runtime", runtime);
    Map<String, Object> gone = Map.of("name", "old", "kind", "managed", "workflow", "not running");
    try (FakeWorker worker = new FakeWorker()) {
      worker.answer(200, CliJson.write(List.of(view, gone)));

      CliRun run =
          CliRun.run(
              "report",
              "--worker-url",
              worker.url(),
              "--now",
              "2025-03-01T00:00:00Z",
              "--format",
              "json");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
      assertThat(worker.requests)
          .extracting(FakeWorker.Request::path)
          .containsExactly("/api/v1/images");
      JsonNode report = CliJson.MAPPER.readTree(run.out());
      assertThat(report.path("audit").isNull()).isTrue();
      JsonNode api = report.path("images").get(0);
      assertThat(api.path("status").asText()).isEqualTo("waiting");
      assertThat(api.path("behind").asInt()).isEqualTo(1);
      assertThat(api.path("stale").asBoolean()).isTrue();
      assertThat(api.path("bases").get(0).path("digest").isNull()).isTrue();
      assertThat(report.path("problems").get(0).asText())
          .isEqualTo("/api/v1/images old: workflow not running");
      assertThat(run.err()).contains("report: /api/v1/images old: workflow not running");
    }
  }
}
