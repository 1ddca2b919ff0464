package io.imagefactory.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.TimeSkippingWorker;
import io.imagefactory.worker.temporal.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue-length gauge of a real worker whose budget allows one dispatch an hour: three tickets
 * leave two waiting, the scrape of {@code /actuator/prometheus} says so per host, and a gauge built
 * afresh (as after a restart) reads the same from the budget workflow.
 */
@ExtendWith(IsolatedGitConfig.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RebuildQueueGaugesTest {

  private static final String GAUGE = "image_factory_rebuild_queue_length";

  @TempDir Path data;

  @Test
  void theGaugeShowsTheTicketsWaitingPerHostAsTheBudgetWorkflowCountsThem() throws Exception {
    try (TimeSkippingWorker worker =
        TimeSkippingWorker.start(
            data, "queue-token", "--image-factory.rebuild-budget.dispatches-per-hour=1")) {
      RebuildQueueGauges gauges = worker.context.getBean(RebuildQueueGauges.class);
      gauges.refresh();
      Scrape before = scrape(worker.baseUrl);
      assertThat(before.sum(GAUGE, "host", "github.com")).isZero();
      assertThat(before.sum(GAUGE, "host", "gitlab.com")).isZero();

      requestSlots(worker.client, 3);
      Eventually.poll(
          Duration.ofSeconds(30),
          () -> {
            gauges.refresh();
            return scrape(worker.baseUrl);
          },
          s -> s.sum(GAUGE, "host", "github.com") == 2);
      assertThat(scrape(worker.baseUrl).sum(GAUGE, "host", "gitlab.com")).isZero();

      SimpleMeterRegistry restarted = new SimpleMeterRegistry();
      RebuildQueueGauges fresh = new RebuildQueueGauges(worker.client, Set.of("github.com"));
      fresh.bindTo(restarted);
      assertThat(restarted.get(GAUGE).tag("host", "github.com").gauge().value()).isNaN();
      fresh.refresh();
      assertThat(restarted.get(GAUGE).tag("host", "github.com").gauge().value()).isEqualTo(2.0);
      fresh.close();
    }
  }

  /**
   * Tickets of one repository. Their holder is the budget itself: a running workflow, so the grant
   * and the queue notices it is sent are delivered (and ignored), and no ticket is released for a
   * holder that is gone.
   */
  private static void requestSlots(WorkflowClient client, int tickets) {
    Instant now = Instant.now();
    for (int i = 0; i < tickets; i++) {
      RebuildBudgetWorkflow budget =
          client.newWorkflowStub(
              RebuildBudgetWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.REBUILD_BUDGET)
                  .setTaskQueue(TaskQueues.MAIN)
                  .build());
      BatchRequest request = client.newSignalWithStartRequest();
      request.add(budget::run, BudgetSetup.initial());
      request.add(
          budget::request,
          new BudgetTicket(
              "img-" + i + "/1",
              WorkflowIds.REBUILD_BUDGET,
              "img-" + i,
              "github",
              "acme/mono",
              now,
              now,
              List.of(),
              false));
      client.signalWithStart(request);
    }
  }

  private static Scrape scrape(String baseUrl) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return Scrape.parse(response.body());
  }
}
