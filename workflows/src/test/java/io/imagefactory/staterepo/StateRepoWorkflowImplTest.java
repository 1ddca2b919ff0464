package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class StateRepoWorkflowImplTest {

  /** Commits in memory: a commit per request, each batch id applied at most once. */
  public static class InMemoryRepo implements StateRepoActivities {
    final List<CommitRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, Integer> applications = new HashMap<>();

    @Override
    public synchronized CommitResult commit(CommitRequest request) {
      requests.add(request);
      Map<String, String> rejected = new HashMap<>();
      for (StateChangeBatch batch : request.batches()) {
        applications.merge(batch.batchId(), 1, Integer::sum);
        if (batch.origin().equals("bad")) {
          rejected.put(batch.batchId(), "image 'x' has no state file");
        }
      }
      return new CommitResult("c" + requests.size(), true, false, rejected);
    }
  }

  private InMemoryRepo repo;
  private WorkflowTestEnvironment temporal;
  private StateRepoWorkflow writer;

  // Updates hold off time skipping, so the window is real time: keep it short.
  @BeforeEach
  void start() {
    repo = new InMemoryRepo();
    temporal = new WorkflowTestEnvironment(repo);
    writer = temporal.newStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
    WorkflowClient.start(
        writer::run, new StateRepoSettings(Duration.ofMillis(100), 40, Map.of()));
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  private static StateChangeBatch batch(String id, String origin) {
    return new StateChangeBatch(
        id, origin, List.of(new BaseDigestChange("node-22", "sha256:" + id, Instant.EPOCH)));
  }

  private StateRepoWorkflow writer() {
    return temporal.existing(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
  }

  @Test
  void batchesArrivingTogetherBecomeOneCommit() throws Exception {
    List<CompletableFuture<CommitOutcome>> answers = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String id = "b" + i;
      answers.add(CompletableFuture.supplyAsync(() -> writer().submit(batch(id, "image/api"))));
    }
    for (CompletableFuture<CommitOutcome> answer : answers) {
      assertThat(answer.get(30, TimeUnit.SECONDS).applied()).isTrue();
    }
    assertThat(repo.requests.stream().mapToInt(r -> r.batches().size()).sum()).isEqualTo(5);
    assertThat(repo.requests.size()).isLessThan(5);
  }

  @Test
  void aRepeatedBatchIsCommittedOnceAndAnsweredFromMemory() {
    CommitOutcome first = writer.submit(batch("same", "image/api"));
    CommitOutcome again = writer.submit(batch("same", "image/api"));
    assertThat(again).isEqualTo(first);
    assertThat(repo.applications.get("same")).isEqualTo(1);
  }

  @Test
  void aRejectedBatchIsReportedToItsSenderOnly() throws Exception {
    CompletableFuture<CommitOutcome> bad =
        CompletableFuture.supplyAsync(() -> writer().submit(batch("x", "bad")));
    CompletableFuture<CommitOutcome> good =
        CompletableFuture.supplyAsync(() -> writer().submit(batch("y", "image/api")));
    assertThat(bad.get(30, TimeUnit.SECONDS).error()).contains("has no state file");
    assertThat(good.get(30, TimeUnit.SECONDS).applied()).isTrue();
  }

  @Test
  void anEmptyBatchIsRefusedBeforeItIsQueued() {
    assertThatThrownBy(() -> writer.submit(new StateChangeBatch("e", "image/api", List.of())))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("is empty");
    assertThat(repo.requests).isEmpty();
  }

  @Test
  void continueAsNewRemembersRecentOutcomes() {
    String firstRun = runId();
    CommitOutcome first = writer.submit(batch("early", "image/api"));
    for (int i = 0; i < 8; i++) {
      writer.submit(batch("later" + i, "image/api"));
    }
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(runId()).isNotEqualTo(firstRun);
    assertThat(writer().submit(batch("early", "image/api"))).isEqualTo(first);
    assertThat(repo.applications.get("early")).isEqualTo(1);
  }

  private String runId() {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.STATE_REPO)
        .describe()
        .getExecution()
        .getRunId();
  }
}
