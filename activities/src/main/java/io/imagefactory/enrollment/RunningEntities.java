package io.imagefactory.enrollment;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.metadata.POJOWorkflowInterfaceMetadata;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ids of the running entity workflows, from Temporal's visibility: a call per page of a
 * thousand, never one per entity. Visibility may lag a moment behind; a workflow it misses is
 * started again, which signal-with-start makes harmless. Servers without list queries (the embedded
 * one) answer the older open-executions listing.
 */
final class RunningEntities {

  private static final Logger log = LoggerFactory.getLogger(RunningEntities.class);
  private static final int PAGE_SIZE = 1000;
  private static final List<String> TYPES =
      List.of(typeOf(ImageWorkflow.class), typeOf(BaseImageWorkflow.class));

  private RunningEntities() {}

  /** The running entity workflows' ids, or empty when visibility cannot say. */
  static Optional<Set<String>> list(WorkflowClient client) {
    try {
      return Optional.of(byQuery(client));
    } catch (RuntimeException e) {
      if (!unimplemented(e)) {
        return unknown(e);
      }
    }
    try {
      return Optional.of(openExecutions(client));
    } catch (RuntimeException e) {
      return unknown(e);
    }
  }

  private static Set<String> byQuery(WorkflowClient client) {
    String query =
        "WorkflowType IN ('" + String.join("', '", TYPES) + "') AND ExecutionStatus = 'Running'";
    Set<String> ids = new HashSet<>();
    client.listExecutions(query).forEach(e -> ids.add(e.getExecution().getWorkflowId()));
    return ids;
  }

  private static Set<String> openExecutions(WorkflowClient client) {
    Set<String> ids = new HashSet<>();
    for (String type : TYPES) {
      ByteString page = ByteString.EMPTY;
      do {
        ListOpenWorkflowExecutionsResponse response =
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .listOpenWorkflowExecutions(
                    ListOpenWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(type))
                        .setMaximumPageSize(PAGE_SIZE)
                        .setNextPageToken(page)
                        .build());
        for (WorkflowExecutionInfo info : response.getExecutionsList()) {
          ids.add(info.getExecution().getWorkflowId());
        }
        page = response.getNextPageToken();
      } while (!page.isEmpty());
    }
    return ids;
  }

  private static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Set<String>> unknown(RuntimeException e) {
    log.warn("Cannot list the running entity workflows ({}); calling every one", e.toString());
    return Optional.empty();
  }

  private static String typeOf(Class<?> workflow) {
    return POJOWorkflowInterfaceMetadata.newInstance(workflow).getWorkflowType().orElseThrow();
  }
}
