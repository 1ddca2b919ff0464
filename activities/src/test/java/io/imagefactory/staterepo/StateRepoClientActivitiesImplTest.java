package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The writer's client against the real writer on the Temporal test server: a submitting workflow
 * signals its batch (or has it delivered when the writer is not running) and hears back by the
 * acknowledgement this client signals.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StateRepoClientActivitiesImplTest {

  /** The smallest submitter: commits one batch through the outbox and returns the outcome. */
  @WorkflowInterface
  public interface Submitter extends StateRepoSubmitter {
    /** Commits the batch's changes; the outbox gives the batch its own id. */
    @WorkflowMethod
    CommitOutcome run(StateChangeBatch batch);
  }

  public static class SubmitterImpl implements Submitter {
    private final StateRepoOutbox stateRepo = new StateRepoOutbox();

    @Override
    public CommitOutcome run(StateChangeBatch batch) {
      return stateRepo.commit(batch.changes(), behind -> {});
    }

    @Override
    public void acknowledged(Acknowledgement acknowledgement) {
      stateRepo.acknowledged(acknowledgement);
    }
  }

  private final CountingRepository repository = new CountingRepository();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private StateRepoClientActivitiesImpl stateRepo;

  @BeforeEach
  void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    client = env.getWorkflowClient();
    stateRepo = new StateRepoClientActivitiesImpl(client);
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(StateRepoWorkflowImpl.class, SubmitterImpl.class);
    worker.registerActivitiesImplementations(repository, stateRepo);
    env.start();
  }

  @AfterEach
  void stopTemporal() {
    env.close();
  }

  private CommitOutcome submit(String submitter, List<StateChange> changes) {
    Submitter workflow =
        client.newWorkflowStub(
            Submitter.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(submitter)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    return workflow.run(new StateChangeBatch("unused", submitter, changes));
  }

  private static List<StateChange> digest() {
    return List.of(new BaseDigestChange("node", "sha256:" + "a".repeat(64), Instant.EPOCH));
  }

  @Test
  void aSubmissionStartsTheWriterAndIsAnsweredWithItsCommit() {
    CommitOutcome outcome = submit("base/node", digest());

    assertThat(outcome).isEqualTo(new CommitOutcome("commit-1", true, false, null));
    assertThat(repository.committed).containsExactly(List.of("base/node"));
    assertThat(client.newUntypedWorkflowStub(WorkflowIds.STATE_REPO).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void laterSubmissionsReachTheRunningWriter() {
    submit("base/node", digest());
    String firstRun = writerRunId();

    CommitOutcome second = submit("base/node", digest());

    assertThat(writerRunId()).isEqualTo(firstRun);
    assertThat(second.commitId()).isEqualTo("commit-2");
    assertThat(repository.committed).containsExactly(List.of("base/node"), List.of("base/node"));
  }

  @Test
  void aRedeliveredBatchIsCommittedOnce() throws InterruptedException {
    StateChangeBatch batch = new StateChangeBatch("7", "image/api", digest());
    stateRepo.deliver(batch);
    awaitCommits(1);

    stateRepo.deliver(batch);
    submit("image/web", digest());

    assertThat(repository.committed).containsExactly(List.of("image/api"), List.of("image/web"));
  }

  @Test
  void aBatchTheWriterRefusesIsAnsweredWithTheReason() {
    CommitOutcome outcome = submit("image/api", List.of());

    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.error()).contains("is empty");
    assertThat(repository.committed).isEmpty();
  }

  @Test
  void aDeliveryStartsTheWriterWithTheBatch() throws InterruptedException {
    stateRepo.deliver(new StateChangeBatch("9", "image/gone", digest()));

    awaitCommits(1);
    assertThat(repository.committed).containsExactly(List.of("image/gone"));
  }

  @Test
  void anAcknowledgementForASubmitterThatEndedIsSkipped() {
    Acknowledgement ack =
        new Acknowledgement("image/gone", "1", new CommitOutcome("c", true, false, null));

    assertThatCode(() -> stateRepo.acknowledge(List.of(ack, ack))).doesNotThrowAnyException();
  }

  private void awaitCommits(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (repository.committed.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private String writerRunId() {
    return client
        .newUntypedWorkflowStub(WorkflowIds.STATE_REPO)
        .describe()
        .getExecution()
        .getRunId();
  }

  /** The writer's git activity, reduced to numbering its commits and remembering who submitted. */
  static final class CountingRepository implements StateRepoActivities {

    final List<List<String>> committed = new CopyOnWriteArrayList<>();

    @Override
    public CommitResult commit(CommitRequest request) {
      committed.add(request.batches().stream().map(StateChangeBatch::submitter).toList());
      return new CommitResult("commit-" + committed.size(), true, false, null);
    }
  }
}
