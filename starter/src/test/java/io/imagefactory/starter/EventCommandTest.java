package io.imagefactory.starter;

import static io.imagefactory.starter.Images.digest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventCommandTest {

  private static final String TOKEN = "s3cret-webhook-token";

  @TempDir Path dir;

  private final FakeWorker worker = new FakeWorker();
  private Path tokenFile;

  @BeforeEach
  void writeToken() throws IOException {
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  @AfterEach
  void stopWorker() {
    worker.close();
  }

  private CliRun event(String reference, String... more) {
    String[] args = {
      "event", reference, "--worker-url", worker.url(), "--token-file", tokenFile.toString()
    };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return CliRun.run(all);
  }

  @Test
  void postsWhatKargoSendsWithTheBearerToken() throws Exception {
    worker.answer(202, "{\"matched\":[\"base/node-22-bookworm-slim\"]}");

    CliRun run =
        event(
            "localhost:5000/team/app:1.2",
            "--digest",
            digest(1),
            "--warehouse",
            "app-1-2",
            "--freight",
            "f00d");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(worker.requests).hasSize(1);
    FakeWorker.Request request = worker.requests.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/api/v1/events/image");
    assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.body())
        .isEqualTo(
            "{\"repoURL\":\"localhost:5000/team/app\",\"tag\":\"1.2\",\"digest\":\""
                + digest(1)
                + "\",\"warehouse\":\"app-1-2\",\"freight\":\"f00d\"}");
    assertThat(run.out())
        .isEqualTo(
            "Sent localhost:5000/team/app:1.2@"
                + digest(1)
                + " to "
                + worker.url()
                + "/api/v1/events/image\n"
                + "Worker answered 202: {\"matched\":[\"base/node-22-bookworm-slim\"]}\n");
  }

  @Test
  void sendsOnlyTheFieldsGiven() throws Exception {
    CliRun run = event("docker.io/library/node:22-bookworm-slim", "--digest", digest(2));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    JsonNode body = CliJson.MAPPER.readTree(worker.requests.get(0).body());
    assertThat(body.fieldNames()).toIterable().containsExactly("repoURL", "tag", "digest");
    assertThat(body.get("repoURL").asText()).isEqualTo("docker.io/library/node");
    assertThat(body.get("tag").asText()).isEqualTo("22-bookworm-slim");
    assertThat(run.out()).endsWith("Worker answered 202\n");
  }

  @Test
  void aRefusedTokenIsInvalidInputAndTheTokenIsNeverPrinted() {
    worker.answer(401, "{\"error\":\"unauthorized\"}");

    CliRun run = event("ghcr.io/example/api:1.0", "--digest", digest(3));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "the worker refused the webhook token (401): pass the worker's token"
                + " with --token-file FILE or IMAGE_FACTORY_WEBHOOK_TOKEN\n");
    assertThat(run.out() + run.err()).doesNotContain(TOKEN);
  }

  @Test
  void aRejectedEventShowsTheWorkersReason() {
    worker.answer(400, "{\"error\":\"no image is watched at ghcr.io/example/unknown\"}");

    CliRun run = event("ghcr.io/example/unknown:1.0", "--digest", digest(4));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .isEqualTo(
            "the worker rejected the event (400):"
                + " {\"error\":\"no image is watched at ghcr.io/example/unknown\"}\n");
  }

  @Test
  void aWorkerFailureIsAnError() {
    worker.answer(500, "");

    CliRun run = event("ghcr.io/example/api:1.0", "--digest", digest(5));

    assertThat(run.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(run.err()).isEqualTo("the worker failed to handle the event (500)\n");
  }

  @Test
  void anUnreachableWorkerIsReported() {
    String url = "http://127.0.0.1:" + PortBoundTemporal.freePort();

    CliRun run =
        CliRun.run("event", "ghcr.io/example/api:1.0", "--digest", digest(6), "--worker-url", url);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err())
        .isEqualTo(
            "cannot reach the worker at "
                + url
                + ": is it running?"
                + " (start it with: java -jar worker/target/image-factory-worker.jar)\n");
  }

  @Test
  void anInvalidDigestIsRefusedBeforeAnythingIsSent() {
    CliRun run = event("ghcr.io/example/api:1.0", "--digest", "sha256:abc");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("--digest 'sha256:abc' is not a digest");
    assertThat(worker.requests).isEmpty();
  }
}
