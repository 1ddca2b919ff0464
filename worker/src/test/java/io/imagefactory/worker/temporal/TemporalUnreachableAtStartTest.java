package io.imagefactory.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The worker started while its Temporal frontend (a port-bound test server) is away: it starts
 * anyway, says so once per attempt without its API key, is not ready, and starts its workers, with
 * the search attributes registered, once the server answers; readiness then follows the server
 * going away and coming back.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TemporalUnreachableAtStartTest {

  private static final String API_KEY = "tmprl-api-key-" + "k".repeat(32);
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static int readiness(ConfigurableApplicationContext worker) throws Exception {
    int port = ((WebServerApplicationContext) worker).getWebServer().getPort();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void waitsForTemporalThenStartsItsWorkersAndReadinessFollowsTheServer() throws Exception {
    int port = freePort();
    String target = "127.0.0.1:" + port;
    Path apiKey = data.resolve("temporal-api-key");
    Files.writeString(apiKey, API_KEY + "\n");
    CapturedLogs[] logs = new CapturedLogs[1];
    SpringApplication application = WorkerApplication.application();
    application.addListeners(
        (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
            e -> logs[0] = CapturedLogs.capture(Level.INFO));

    long begin = System.nanoTime();
    try (ConfigurableApplicationContext worker =
        application.run(
            "--server.port=0",
            "--spring.temporal.connection.target=" + target,
            // The key travels in plain text to the test server, which has no TLS.
            "--spring.temporal.connection.enable-https=false",
            "--image-factory.temporal.api-key-file=" + apiKey,
            "--image-factory.temporal.start-retry-max-interval=2s",
            "--image-factory.webhook.token=webhook-token-for-this-test",
            "--image-factory.embedded.data-dir=" + data,
            "--image-factory.embedded.examples-dir="
                + System.getProperty("image-factory.project-dir")
                + "/examples")) {
      Duration startedIn = Duration.ofNanos(System.nanoTime() - begin);
      TemporalWorkersStarter workers = worker.getBean(TemporalWorkersStarter.class);

      assertThat(workers.started()).isFalse();
      assertThat(readiness(worker)).isEqualTo(503);
      assertThat(
              Eventually.poll(
                  WAIT,
                  () ->
                      logs[0].lines().stream()
                          .filter(l -> l.contains("cannot be used yet"))
                          .count(),
                  n -> n >= 2))
          .as("one WARN line per attempt")
          .isGreaterThanOrEqualTo(2);
      assertThat(logs[0].lines())
          .filteredOn(l -> l.contains("cannot be used yet"))
          .first()
          .satisfies(
              l ->
                  assertThat(l)
                      .startsWith("WARN ")
                      .contains("Temporal namespace default at " + target)
                      .contains("UNAVAILABLE")
                      .contains("the workers start once it can, next attempt in"));

      try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true)) {
        long up = System.nanoTime();
        assertThat(Eventually.poll(WAIT, workers::started, s -> s)).isTrue();
        Duration pollingAfter = Duration.ofNanos(System.nanoTime() - up);
        assertThat(Eventually.poll(WAIT, () -> readiness(worker), s -> s == 200)).isEqualTo(200);
        assertSearchAttributesRegistered(target);
        System.out.printf(
            "worker started in %d ms with Temporal away; workers polling %d ms after it came up%n",
            startedIn.toMillis(), pollingAfter.toMillis());
      }
      assertThat(Eventually.poll(WAIT, () -> readiness(worker), s -> s == 503)).isEqualTo(503);

      try (TestServer.PortBoundTestServer again = TestServer.createPortBoundServer(port, true)) {
        assertThat(Eventually.poll(WAIT, () -> readiness(worker), s -> s == 200)).isEqualTo(200);
      }
      assertThat(logs[0].lines()).noneMatch(l -> l.contains(API_KEY));
    } finally {
      if (logs[0] != null) {
        logs[0].close();
      }
    }
  }

  /** The test server cannot list them; one registered already is refused as existing. */
  private static void assertSearchAttributesRegistered(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      EntitySearchAttributes.DEFINITIONS.forEach(
          (name, type) -> {
            try {
              operator
                  .blockingStub()
                  .addSearchAttributes(
                      AddSearchAttributesRequest.newBuilder()
                          .setNamespace("default")
                          .putSearchAttributes(name, type)
                          .build());
              throw new AssertionError(name + " was not registered by the worker");
            } catch (StatusRuntimeException e) {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
            }
          });
    } finally {
      operator.shutdownNow();
    }
  }
}
