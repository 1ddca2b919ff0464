package io.imagefactory.starter;

import io.grpc.health.v1.HealthCheckResponse;
import io.imagefactory.PayloadCompression;
import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.image.ImageWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A connection to Temporal for one command: checked at once, closed when the command ends. */
final class TemporalSession implements AutoCloseable {

  static final String START_HINT =
      "(start it with: java -jar worker/target/image-factory-worker.jar)";

  // A health check answers in milliseconds; waiting longer only delays the message.
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  final String namespace;

  private TemporalSession(WorkflowServiceStubs stubs, String namespace) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.client =
        WorkflowClient.newInstance(
            stubs,
            WorkflowClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(PayloadCompression.dataConverter())
                .build());
  }

  /** Connects and checks health once, with a short deadline: a refused port fails at once. */
  static TemporalSession connect(String target, String namespace) {
    WorkflowServiceStubsOptions options =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(target)
            .setRpcTimeout(RPC_TIMEOUT)
            .setRpcQueryTimeout(RPC_TIMEOUT)
            .setHealthCheckAttemptTimeout(CONNECT_TIMEOUT)
            .build();
    WorkflowServiceStubs stubs = null;
    try {
      stubs = WorkflowServiceStubs.newServiceStubs(options);
      if (stubs.healthCheck().getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
        throw new IllegalStateException("not serving");
      }
      return new TemporalSession(stubs, namespace);
    } catch (RuntimeException e) {
      if (stubs != null) {
        stubs.shutdownNow();
      }
      throw CommandFailure.unreachable(
          "cannot reach Temporal at " + target + ": is the worker running? " + START_HINT);
    }
  }

  /** The workflow of an enrolled image; an image without a running workflow is not enrolled. */
  ImageWorkflow image(String name) {
    String id = WorkflowIds.image(name);
    WorkflowExecutionStatus status = statusOf(id);
    if (status == null) {
      throw notEnrolled(name, "");
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      String ended =
          status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase(Locale.ROOT);
      throw notEnrolled(name, " (its workflow " + id + " is " + ended + ")");
    }
    return client.newWorkflowStub(ImageWorkflow.class, id);
  }

  /** The workflow of a base image that is watched now, if there is one by that name. */
  Optional<BaseImageWorkflow> base(String name) {
    String id = WorkflowIds.base(name);
    return statusOf(id) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        ? Optional.of(client.newWorkflowStub(BaseImageWorkflow.class, id))
        : Optional.empty();
  }

  /** The status of the workflow's latest run; null when there is none. */
  private WorkflowExecutionStatus statusOf(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus();
    } catch (WorkflowNotFoundException e) {
      return null;
    }
  }

  private static CommandFailure notEnrolled(String name, String why) {
    return CommandFailure.invalidInput("no image named '" + name + "' is enrolled" + why);
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    stubs.awaitTermination(2, TimeUnit.SECONDS);
  }
}
