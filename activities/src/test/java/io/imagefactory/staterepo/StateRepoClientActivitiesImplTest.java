package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateRepoClientActivitiesImplTest {

  private final CountingRepository repository = new CountingRepository();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private StateRepoClientActivitiesImpl stateRepo;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(StateRepoWorkflowImpl.class);
    worker.registerActivitiesImplementations(repository);
    env.start();
    client = env.getWorkflowClient();
    stateRepo = new StateRepoClientActivitiesImpl(client);
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  @Test
  void startsTheWriterAndReturnsTheOutcomeOfTheCommit() {
    CommitOutcome outcome = stateRepo.submitAsync(batch("base/node/1")).join();

    assertThat(outcome).isEqualTo(new CommitOutcome("commit-1", true, false, null));
    assertThat(repository.committed).containsExactly(List.of("base/node/1"));
    assertThat(writerStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void usesTheRunningWriterForLaterBatches() {
    stateRepo.submitAsync(batch("base/node/1")).join();
    String firstRun = writerRunId();

    CommitOutcome second = stateRepo.submitAsync(batch("base/node/2")).join();

    assertThat(writerRunId()).isEqualTo(firstRun);
    assertThat(second.commitId()).isEqualTo("commit-2");
    assertThat(repository.committed)
        .containsExactly(List.of("base/node/1"), List.of("base/node/2"));
  }

  @Test
  void aRedeliveredBatchIsAnsweredWithoutASecondCommit() {
    CommitOutcome first = stateRepo.submitAsync(batch("image/api/7")).join();

    CommitOutcome again = stateRepo.submitAsync(batch("image/api/7")).join();

    assertThat(again).isEqualTo(first);
    assertThat(repository.committed).hasSize(1);
  }

  @Test
  void aBatchTheWriterRefusesFailsWithoutRetry() {
    StateChangeBatch empty = new StateChangeBatch("image/api/8", "image/api", List.of());

    assertThatThrownBy(() -> stateRepo.submitAsync(empty).join())
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(StateRepoClientActivitiesImpl.BATCH_REFUSED);
            })
        .hasMessageContaining("image/api/8")
        .hasMessageContaining("is empty");
    assertThat(repository.committed).isEmpty();
  }

  private String writerRunId() {
    return describeWriter().getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private WorkflowExecutionStatus writerStatus() {
    return describeWriter().getWorkflowExecutionInfo().getStatus();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describeWriter() {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(WorkflowIds.STATE_REPO))
                .build());
  }

  private static StateChangeBatch batch(String batchId) {
    return new StateChangeBatch(
        batchId,
        "base/node",
        List.of(new BaseDigestChange("node", "sha256:" + "a".repeat(64), Instant.EPOCH)));
  }

  /** The writer's git activity, reduced to numbering its commits and remembering their batches. */
  static final class CountingRepository implements StateRepoActivities {

    final List<List<String>> committed = new CopyOnWriteArrayList<>();

    @Override
    public CommitResult commit(CommitRequest request) {
      committed.add(request.batches().stream().map(StateChangeBatch::batchId).toList());
      return new CommitResult("commit-" + committed.size(), true, false, null);
    }
  }
}
