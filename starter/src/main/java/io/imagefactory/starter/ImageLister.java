package io.imagefactory.starter;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.imagefactory.WorkflowIds;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The enrolled images, each with the state its workflow reports. Names come from a visibility query
 * on the search attributes; a server without that API (the test server of the embedded worker) or
 * without the attributes is asked for its open image workflows instead.
 */
final class ImageLister {

  static final String VISIBILITY_QUERY =
      "(ImageKind = 'managed' OR ImageKind = 'external') AND ExecutionStatus = 'Running'";

  private static final String PREFIX = WorkflowIds.image("");
  private static final String WORKFLOW_TYPE = ImageWorkflow.class.getSimpleName();
  private static final int PAGE_SIZE = 500;

  private final TemporalSession temporal;

  ImageLister(TemporalSession temporal) {
    this.temporal = temporal;
  }

  /** Every enrolled image's status, sorted by name; an image that ends meanwhile is left out. */
  List<ImageStatus> statuses() {
    List<ImageStatus> statuses = new ArrayList<>();
    for (String name : names()) {
      try {
        statuses.add(temporal.client.newWorkflowStub(ImageWorkflow.class, PREFIX + name).status());
      } catch (WorkflowException ended) {
        // Unenrolled between the listing and the query.
      }
    }
    return statuses;
  }

  Set<String> names() {
    try {
      Set<String> names = new TreeSet<>();
      temporal
          .client
          .listExecutions(VISIBILITY_QUERY)
          .forEach(m -> addImage(names, m.getExecution().getWorkflowId()));
      return names;
    } catch (RuntimeException e) {
      Status.Code code = ExitCodes.grpcCode(e);
      if (code == Status.Code.UNIMPLEMENTED || code == Status.Code.INVALID_ARGUMENT) {
        return openImageWorkflows();
      }
      throw e;
    }
  }

  private Set<String> openImageWorkflows() {
    Set<String> names = new TreeSet<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse response =
          temporal
              .stubs
              .blockingStub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(temporal.namespace)
                      .setMaximumPageSize(PAGE_SIZE)
                      .setNextPageToken(page)
                      .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE))
                      .build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        addImage(names, info.getExecution().getWorkflowId());
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return names;
  }

  private static void addImage(Set<String> names, String workflowId) {
    if (workflowId.startsWith(PREFIX)) {
      names.add(workflowId.substring(PREFIX.length()));
    }
  }
}
