package io.imagefactory.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.WorkerApplication;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** With a Temporal target configured the worker connects to it and embeds no server. */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterWorkerTest {

  @TempDir Path data;

  private String[] args(String target, String... more) {
    String[] base = {
      "--server.port=0",
      "--spring.temporal.connection.target=" + target,
      "--image-factory.embedded.data-dir=" + data,
      "--image-factory.embedded.examples-dir="
          + System.getProperty("image-factory.project-dir")
          + "/examples"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void connectsToTheConfiguredClusterAndEmbedsNothingButTheStateRepository() {
    try (EmbeddedTemporalServer cluster = EmbeddedTemporalServer.start(0);
        ConfigurableApplicationContext worker =
            WorkerApplication.application()
                .run(args(cluster.target(), "--image-factory.webhook.token=cluster-token"))) {

      EmbeddedDefaults defaults = worker.getBean(EmbeddedDefaults.class);
      assertThat(defaults.embeddedTemporal()).isFalse();
      assertThat(defaults.webhookTokenFile()).isNull();
      assertThat(data.resolve("webhook-token")).doesNotExist();
      assertThat(defaults.stateRepository()).isEqualTo(data.resolve("state-repo.git"));
      assertThat(worker.getBeansOfType(EmbeddedTemporalServer.class)).isEmpty();
      assertThat(worker.getBean(WorkflowClient.class).getWorkflowServiceStubs().healthCheck())
          .isNotNull();
    }
  }

  @Test
  void withAClusterButNoWebhookTokenItRefusesToStart() {
    try (EmbeddedTemporalServer cluster = EmbeddedTemporalServer.start(0)) {
      assertThatThrownBy(() -> WorkerApplication.application().run(args(cluster.target())).close())
          .hasStackTraceContaining("IMAGE_FACTORY_WEBHOOK_TOKEN_FILE");
    }
  }
}
