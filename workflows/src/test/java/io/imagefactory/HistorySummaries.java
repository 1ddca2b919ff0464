package io.imagefactory;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.UserMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/** The summaries a workflow's history events carry, as the Temporal UI reads them. */
public final class HistorySummaries {

  private final List<HistoryEvent> events;

  private HistorySummaries(List<HistoryEvent> events) {
    this.events = events;
  }

  /** Every run's events under {@code workflowId}, the latest run first only if it is the one. */
  public static HistorySummaries of(WorkflowClient client, String workflowId) {
    return new HistorySummaries(client.fetchHistory(workflowId).getEvents());
  }

  public List<String> activities() {
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(e -> summary(e.getUserMetadata()))
        .toList();
  }

  public List<String> timers() {
    return events.stream()
        .filter(HistoryEvent::hasTimerStartedEventAttributes)
        .map(e -> summary(e.getUserMetadata()))
        .toList();
  }

  /** The static summary and details the workflow was started with. */
  public List<String> started() {
    UserMetadata metadata = events.get(0).getUserMetadata();
    return List.of(summary(metadata), details(metadata));
  }

  private static String summary(UserMetadata metadata) {
    return metadata.hasSummary() ? text(metadata.getSummary()) : "";
  }

  private static String details(UserMetadata metadata) {
    return metadata.hasDetails() ? text(metadata.getDetails()) : "";
  }

  private static String text(io.temporal.api.common.v1.Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
