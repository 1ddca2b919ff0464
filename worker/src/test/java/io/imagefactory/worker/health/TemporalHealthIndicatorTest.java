package io.imagefactory.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.worker.embedded.EmbeddedTemporalServer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class TemporalHealthIndicatorTest {

  @Test
  void upWhileTheFrontendAnswersDownOnceItIsGone() throws Exception {
    EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0);
    String target = server.target();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      TemporalHealthIndicator health = new TemporalHealthIndicator(stubs, target, () -> true);
      assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

      server.close();
      Health down = health.health(true);

      assertThat(down.getStatus()).isEqualTo(Status.DOWN);
      assertThat(down.getDetails())
          .containsEntry("target", target)
          .containsEntry("reason", "cannot reach Temporal: UNAVAILABLE");
    } finally {
      stubs.shutdownNow();
      server.close();
    }
  }

  @Test
  void aFrontendThatNeverListenedIsDown() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String target = "127.0.0.1:" + port;
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      assertThat(new TemporalHealthIndicator(stubs, target, () -> true).health(true).getStatus())
          .isEqualTo(Status.DOWN);
    } finally {
      stubs.shutdownNow();
    }
  }
}
