package io.imagefactory.worker.crash;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.payload.codec.ZlibPayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every payload a workflow's histories hold (inputs, results, signals, queries' memo, search
 * attributes, failures' details), decoded as {@code PayloadCompression} encodes them, from its
 * latest run back through every run it continued as new from.
 */
final class TemporalPayloads {

  private static final ZlibPayloadCodec CODEC = new ZlibPayloadCodec();

  private TemporalPayloads() {}

  /** The decoded payload bytes of workflow {@code workflowId}, and every event as text. */
  static List<ByteString> of(WorkflowServiceStubs service, String namespace, String workflowId) {
    List<ByteString> found = new ArrayList<>();
    String runId = "";
    do {
      List<HistoryEvent> events = history(service, namespace, workflowId, runId);
      for (HistoryEvent event : events) {
        collect(event, found);
        found.add(ByteString.copyFromUtf8(event.toString()));
      }
      runId =
          events.isEmpty()
              ? ""
              : events
                  .get(0)
                  .getWorkflowExecutionStartedEventAttributes()
                  .getContinuedExecutionRunId();
    } while (!runId.isEmpty());
    return found;
  }

  private static List<HistoryEvent> history(
      WorkflowServiceStubs service, String namespace, String workflowId, String runId) {
    List<HistoryEvent> events = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      GetWorkflowExecutionHistoryResponse response =
          service
              .blockingStub()
              .getWorkflowExecutionHistory(
                  GetWorkflowExecutionHistoryRequest.newBuilder()
                      .setNamespace(namespace)
                      .setExecution(
                          WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                      .setNextPageToken(page)
                      .build());
      events.addAll(response.getHistory().getEventsList());
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return events;
  }

  private static void collect(Message message, List<ByteString> found) {
    if (message instanceof Payload payload) {
      found.add(CODEC.decode(List.of(payload)).get(0).getData());
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isMapField() || field.getKey().isRepeated()) {
        for (Object value : (List<?>) field.getValue()) {
          collect((Message) value, found);
        }
      } else {
        collect((Message) field.getValue(), found);
      }
    }
  }
}
