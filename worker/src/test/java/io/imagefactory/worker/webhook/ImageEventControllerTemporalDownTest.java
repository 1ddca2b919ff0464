package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * The webhook with a real Temporal client whose frontend, a port-bound test server, is absent or
 * stopped: the event is answered 503 with the reason and when to retry, within the webhook's
 * deadline, not after the SDK's minute of retries.
 */
@WebhookSlice
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageEventControllerTemporalDownTest {

  static final Duration DEADLINE = Duration.ofSeconds(2);
  static final int PORT = freePort();
  static final String TARGET = "127.0.0.1:" + PORT;

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void temporal(DynamicPropertyRegistry properties) {
    properties.add("image-factory.temporal.webhook-deadline", () -> DEADLINE.toMillis() + "ms");
    properties.add("spring.temporal.connection.target", () -> TARGET);
  }

  /** A client of the frontend on {@link #PORT}, as the worker's is of its own. */
  @TestConfiguration(proxyBeanMethods = false)
  static class RealClient {
    @Bean(destroyMethod = "")
    WorkflowServiceStubs stubs() {
      return WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(TARGET).build());
    }

    @Bean
    WorkflowClient workflowClient(WorkflowServiceStubs stubs) {
      return WorkflowClient.newInstance(stubs);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ResultActions send() throws Exception {
    return mvc.perform(
        post("/api/v1/events/image")
            .header("Authorization", "Bearer " + WebhookSlice.TOKEN)
            .contentType(MediaType.APPLICATION_JSON)
            .content(
                """
                {"repoURL": "docker.io/library/node", "tag": "22-bookworm-slim",
                 "digest": "sha256:%s", "warehouse": "base-node", "freight": "0a1b2c3d"}"""
                    .formatted("ab".repeat(32))));
  }

  /** Sends the event and says how long the answer took. */
  private Duration unavailable() throws Exception {
    long start = System.nanoTime();
    send()
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", ImageEventController.RETRY_AFTER_SECONDS))
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.reason").value("temporal-unavailable"))
        .andExpect(
            jsonPath("$.detail")
                .value(containsString("Temporal at " + TARGET + " did not answer within 2 s")));
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void anEventIsAnswered503WithinTheDeadlineWhileTemporalIsAbsentOrStopped() throws Exception {
    Duration absent = unavailable();

    try (TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(PORT, true)) {
      // Up: the base workflow is not running there, so an enrollment is asked for. The client's
      // channel may still be backing off from the failed connects: as Kargo would, send again.
      ResultActions up = send();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (up.andReturn().getResponse().getContentAsString().contains("temporal-unavailable")
          && System.nanoTime() < deadline) {
        up = send();
      }
      up.andExpect(status().isServiceUnavailable())
          .andExpect(jsonPath("$.notRunning[0]").value("base/node-22-bookworm-slim"));
    }
    Duration stopped = unavailable();

    // The SDK alone would retry for a minute; the slack is for a slow machine.
    assertThat(absent).isLessThan(DEADLINE.plusSeconds(1));
    assertThat(stopped).isLessThan(DEADLINE.plusSeconds(1));
  }
}
