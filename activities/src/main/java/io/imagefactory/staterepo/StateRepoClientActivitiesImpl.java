package io.imagefactory.staterepo;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Temporal-client side of the single writer, {@code state-repo}. A delivery is one {@code
 * signalWithStart}: it starts the writer unless it runs and queues the batch, by workflow id only,
 * so it reaches the writer's current run even after it continued as new. Acknowledgements go out as
 * signals sent all at once on the service's asynchronous stub, so a commit of hundreds of batches
 * is answered in about one round trip. Neither waits for a commit: no activity slot is held while
 * the writer works.
 */
public final class StateRepoClientActivitiesImpl implements StateRepoClientActivities {

  private static final Logger log = LoggerFactory.getLogger(StateRepoClientActivitiesImpl.class);

  private final WorkflowClient client;

  public StateRepoClientActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public void deliver(StateChangeBatch batch) {
    StateRepoWorkflow writer =
        client.newWorkflowStub(
            StateRepoWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.STATE_REPO)
                .setTaskQueue(TaskQueues.MAIN)
                .setStaticSummary(StateRepoWorkflow.STATIC_SUMMARY)
                .setStaticDetails(StateRepoWorkflow.STATIC_DETAILS)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(writer::run, StateRepoSettings.defaults());
    request.add(writer::submit, batch);
    client.signalWithStart(request);
  }

  @Override
  public void acknowledge(List<Acknowledgement> acknowledgements) {
    DataConverter converter = client.getOptions().getDataConverter();
    List<ListenableFuture<?>> signals = new ArrayList<>();
    for (Acknowledgement ack : acknowledgements) {
      SignalWorkflowExecutionRequest.Builder request =
          SignalWorkflowExecutionRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(ack.submitter()))
              .setSignalName(StateRepoSubmitter.ACKNOWLEDGED)
              .setIdentity(client.getOptions().getIdentity())
              .setRequestId(UUID.randomUUID().toString());
      converter.toPayloads(ack).ifPresent(request::setInput);
      signals.add(
          client.getWorkflowServiceStubs().futureStub().signalWorkflowExecution(request.build()));
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < signals.size(); i++) {
      String submitter = acknowledgements.get(i).submitter();
      try {
        signals.get(i).get();
      } catch (ExecutionException e) {
        if (isNotFound(e.getCause())) {
          // A submitter that ended (an unenrolled image) needs no answer.
          log.debug("Submitter {} has ended; acknowledgement dropped", submitter);
        } else {
          failed.add(submitter + " (" + e.getCause().getMessage() + ")");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while acknowledging batches", e);
      }
    }
    if (!failed.isEmpty()) {
      // Retried whole: a submitter ignores an acknowledgement it already has.
      throw new IllegalStateException(
          "could not acknowledge "
              + failed.size()
              + " of "
              + acknowledgements.size()
              + " batch(es): "
              + String.join(", ", failed.subList(0, Math.min(5, failed.size()))));
    }
  }

  private static boolean isNotFound(Throwable error) {
    return error instanceof StatusRuntimeException status
        && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
