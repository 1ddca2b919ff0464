package io.imagefactory.worker.metrics;

import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code image_factory_rebuild_queue_length{host}}: matured rebuilds waiting in the rebuild budget
 * per CI host, read from the budget workflow's {@code queueLengths} query on a thread of its own (a
 * scrape never waits on Temporal), so it is right after a restart and the same on every replica.
 * One series per CI host: the hosts this worker's providers go to always (zero when nothing waits),
 * and any other host the budget reports. NaN until the first read and while the query fails, which
 * no alert mistakes for an empty queue.
 */
final class RebuildQueueGauges implements MeterBinder, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RebuildQueueGauges.class);

  static final Duration REFRESH_INTERVAL = Duration.ofSeconds(15);

  private final WorkflowClient client;
  private final Map<String, Double> lengths = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "rebuild-queue-metrics");
            thread.setDaemon(true);
            return thread;
          });
  private volatile MeterRegistry registry;
  private volatile String lastError;

  RebuildQueueGauges(WorkflowClient client, Set<String> hosts) {
    this.client = client;
    hosts.forEach(host -> lengths.put(host, Double.NaN));
  }

  RebuildQueueGauges start() {
    refresher.scheduleWithFixedDelay(
        this::refresh, 0, REFRESH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public void bindTo(MeterRegistry meterRegistry) {
    registry = meterRegistry;
    lengths.keySet().forEach(this::register);
  }

  /** Reads the queue lengths now; the scheduled refresh calls it, and so may tests. */
  synchronized void refresh() {
    Map<String, Integer> read;
    try {
      read =
          client
              .newWorkflowStub(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET)
              .queueLengths();
      lastError = null;
    } catch (WorkflowNotFoundException e) {
      read = Map.of(); // Started with the first ticket: until then nothing waits.
    } catch (RuntimeException e) {
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!reason.equals(lastError)) {
        log.warn("Rebuild queue length not read ({}); the gauge shows NaN", reason);
      }
      lastError = reason;
      lengths.replaceAll((host, value) -> Double.NaN);
      return;
    }
    for (String host : lengths.keySet()) {
      lengths.put(host, (double) read.getOrDefault(host, 0));
    }
    Map<String, Integer> found = read;
    found.forEach(
        (host, length) -> {
          if (lengths.put(host, (double) length) == null) {
            register(host);
          }
        });
  }

  private void register(String host) {
    MeterRegistry target = registry;
    if (target != null) {
      Gauge.builder(
              MetricNames.REBUILD_QUEUE_LENGTH, lengths, l -> l.getOrDefault(host, Double.NaN))
          .description("Matured rebuilds waiting in the rebuild budget for a slot, per CI host")
          .tag("host", host)
          .register(target);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
