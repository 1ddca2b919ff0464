package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class StateRepoWorkflowImplTest {

  /**
   * Commits in memory (a commit per request, counting how often each batch is applied) and records
   * the acknowledgements the writer sends instead of signalling submitters.
   */
  public static class InMemoryRepo implements StateRepoActivities, StateRepoClientActivities {
    final List<CommitRequest> requests = new CopyOnWriteArrayList<>();
    final Map<String, Integer> applications = new HashMap<>();
    public final List<Acknowledgement> acks = new CopyOnWriteArrayList<>();
    volatile boolean failing;
    volatile boolean unreachable;
    final java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public synchronized CommitResult commit(CommitRequest request) {
      attempts.incrementAndGet();
      if (unreachable) {
        throw ApplicationFailure.newFailure(
            "could not fetch state repository /srv/state.git (branch main): not found",
            "StateRepositoryUnavailable");
      }
      if (failing) {
        throw ApplicationFailure.newNonRetryableFailure("push refused", StateRepoFailures.REFUSED);
      }
      requests.add(request);
      Map<String, String> rejected = new HashMap<>();
      for (StateChangeBatch batch : request.batches()) {
        applications.merge(batch.batchId(), 1, Integer::sum);
        if (batch.submitter().equals("bad")) {
          rejected.put(batch.batchId(), "image 'x' has no state file");
        }
      }
      return new CommitResult("c" + requests.size(), true, false, rejected);
    }

    @Override
    public void deliver(StateChangeBatch batch) {
      throw new UnsupportedOperationException("the tests signal the writer themselves");
    }

    @Override
    public void acknowledge(List<Acknowledgement> acknowledgements) {
      acks.addAll(acknowledgements);
    }

    synchronized int applied(String batchId) {
      return applications.getOrDefault(batchId, 0);
    }
  }

  private final InMemoryRepo repo = new InMemoryRepo();
  private WorkflowTestEnvironment temporal;

  // Signals do not skip time while the test polls, so the window is real time: keep it short.
  private void start(StateRepoSettings settings) {
    temporal = new WorkflowTestEnvironment(repo);
    StateRepoWorkflow writer = temporal.newStub(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
    WorkflowClient.start(writer::run, settings);
  }

  private void start() {
    start(new StateRepoSettings(Duration.ofMillis(100), 40));
  }

  @AfterEach
  void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private static StateChangeBatch batch(String id, String submitter) {
    return new StateChangeBatch(
        id, submitter, List.of(new BaseDigestChange("node-22", "sha256:" + id, Instant.EPOCH)));
  }

  private StateRepoWorkflow writer() {
    return temporal.existing(StateRepoWorkflow.class, WorkflowIds.STATE_REPO);
  }

  /** Waits for the writer's answers to batch {@code id} until {@code count} have come. */
  private List<Acknowledgement> answers(String id, int count) throws InterruptedException {
    Predicate<Acknowledgement> ofBatch = a -> a.batchId().equals(id);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (repo.acks.stream().filter(ofBatch).count() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<Acknowledgement> answers = repo.acks.stream().filter(ofBatch).toList();
    assertThat(answers).as("answers to " + id).hasSizeGreaterThanOrEqualTo(count);
    return answers;
  }

  private CommitOutcome answer(String id) throws InterruptedException {
    return answers(id, 1).get(0).outcome();
  }

  @Test
  void batchesArrivingTogetherBecomeOneCommitAndEachIsAnsweredToItsSubmitter() throws Exception {
    start();
    for (int i = 0; i < 5; i++) {
      writer().submit(batch("b" + i, "image/app-" + i));
    }
    for (int i = 0; i < 5; i++) {
      Acknowledgement ack = answers("b" + i, 1).get(0);
      assertThat(ack.submitter()).isEqualTo("image/app-" + i);
      assertThat(ack.outcome().applied()).isTrue();
    }
    assertThat(repo.requests.stream().mapToInt(r -> r.batches().size()).sum()).isEqualTo(5);
    assertThat(repo.requests.size()).isLessThan(5);
  }

  @Test
  void aCommitThatKeepsFailingIsAnsweredAfterAFewAttemptsWithTheLastCause() throws Exception {
    start();
    repo.unreachable = true;
    writer().submit(batch("u1", "base/node-22"));
    // The writer's retries are timers: skip past them rather than wait for them.
    for (int i = 0; i < 10 && repo.acks.isEmpty(); i++) {
      temporal.sleep(Duration.ofSeconds(10));
    }
    CommitOutcome outcome = answer("u1");
    assertThat(outcome.applied()).isFalse();
    assertThat(outcome.retryable()).as("the same changes may commit later").isTrue();
    assertThat(outcome.error())
        .isEqualTo(
            "commit failed: could not fetch state repository /srv/state.git (branch main): not "
                + "found");
    assertThat(repo.attempts.get()).isEqualTo(4);
    assertThat(writer().status().lastFailure()).isEqualTo(outcome.error());

    repo.unreachable = false;
    writer().submit(batch("u2", "base/node-22"));
    assertThat(answer("u2").applied()).isTrue();
    assertThat(writer().status().lastFailure()).isNull();
  }

  @Test
  void hundredsOfSubmittersAtOnceAreCommittedInAFewCommits() throws Exception {
    start(new StateRepoSettings(Duration.ofMillis(300), 0));
    for (int i = 0; i < 300; i++) {
      writer().submit(batch("n" + i, "image/app-" + i));
    }
    for (int i = 0; i < 300; i++) {
      assertThat(answer("n" + i).applied()).isTrue();
    }
    assertThat(repo.requests.size()).isLessThanOrEqualTo(3);
    assertThat(writer().status().submitters()).isEqualTo(300);
  }

  @Test
  void aRedeliveredBatchIsAnsweredAgainFromMemoryAndAppliedOnce() throws Exception {
    start();
    writer().submit(batch("same", "image/api"));
    CommitOutcome first = answer("same");

    writer().submit(batch("same", "image/api"));

    assertThat(answers("same", 2)).extracting(Acknowledgement::outcome).containsOnly(first);
    assertThat(repo.applied("same")).isEqualTo(1);
  }

  @Test
  void aBatchRedeliveredWhileQueuedIsCommittedOnce() throws Exception {
    start(new StateRepoSettings(Duration.ofMillis(500), 0));
    writer().submit(batch("twice", "image/api"));
    writer().submit(batch("twice", "image/api"));

    assertThat(answer("twice").applied()).isTrue();
    assertThat(repo.applied("twice")).isEqualTo(1);
  }

  @Test
  void aRejectedBatchIsReportedToItsSubmitterOnly() throws Exception {
    start();
    writer().submit(batch("x", "bad"));
    writer().submit(batch("y", "image/api"));

    assertThat(answer("x").error()).contains("has no state file");
    assertThat(answer("y").applied()).isTrue();
  }

  @Test
  void anEmptyBatchIsAnsweredAsRefusedWithoutACommit() throws Exception {
    start();
    writer().submit(new StateChangeBatch("e", "image/api", List.of()));

    assertThat(answer("e").error()).contains("is empty");
    assertThat(repo.requests).isEmpty();
  }

  @Test
  void aFailedCommitIsAnsweredAsRefusedSoItsSubmitterSendsItAgain() throws Exception {
    repo.failing = true;
    start();
    writer().submit(batch("f", "image/api"));

    assertThat(answer("f").error()).startsWith("commit failed: ").contains("push refused");
  }

  @Test
  void continueAsNewRemembersTheLastBatchOfEverySubmitter() throws Exception {
    start();
    String firstRun = runId();
    writer().submit(batch("early", "image/api"));
    CommitOutcome first = answer("early");
    for (int i = 0; i < 8; i++) {
      writer().submit(batch("later" + i, "image/web"));
      answer("later" + i);
    }
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(runId()).isNotEqualTo(firstRun);

    writer().submit(batch("early", "image/api"));

    assertThat(answers("early", 2)).extracting(Acknowledgement::outcome).containsOnly(first);
    assertThat(repo.applied("early")).isEqualTo(1);
  }

  @Test
  void aNewRunCommitsTheQueueItCarriesAndAnswersFromTheMemoryItCarries() throws Exception {
    CommitOutcome remembered = new CommitOutcome("c0", true, false, null);
    start(
        new StateRepoSettings(
            Duration.ofMillis(100),
            0,
            List.of(batch("carried", "image/web")),
            AnsweredBatches.of(
                List.of(new Acknowledgement("image/api", "old", remembered)),
                Map.of("image/api", Instant.now().toEpochMilli())),
            List.of(new Acknowledgement("image/db", "unsent", remembered))));

    assertThat(answer("carried").applied()).isTrue();
    assertThat(answer("unsent")).isEqualTo(remembered);
    writer().submit(batch("old", "image/api"));
    assertThat(answer("old")).isEqualTo(remembered);
    assertThat(repo.applied("old")).isZero();
  }

  @Test
  void theCompactMemoryWritesEachOutcomeOnce() {
    CommitOutcome shared = new CommitOutcome("c1", true, false, null);
    List<Acknowledgement> acks =
        List.of(
            new Acknowledgement("image/a", "1", shared),
            new Acknowledgement("image/b", "2", shared),
            new Acknowledgement("image/c", "3", CommitOutcome.rejected("no state file")));

    AnsweredBatches memory = AnsweredBatches.of(acks, Map.of("image/b", 42L));

    assertThat(memory.outcomes()).hasSize(2);
    assertThat(memory.acknowledgements()).containsExactlyElementsOf(acks);
    assertThat(memory.answeredAt("image/b")).isEqualTo(42L);
    assertThat(memory.answeredAt("image/a")).isZero();
  }

  @Test
  void anAwaitedBatchEndsTheWindowAndTakesTheWaitingOnesAlong() throws Exception {
    // An hour of window in real time: only an awaited batch gets an answer within the test.
    start(new StateRepoSettings(Duration.ofHours(1), 0));
    writer().submit(batch("background", "image/web"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (writer().status().queuedBatches() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(writer().status().queuedBatches()).isEqualTo(1);

    writer()
        .submit(new StateChangeBatch("enrolled", "enrollment", batch("e", "x").changes(), true));

    assertThat(answer("enrolled").applied()).isTrue();
    assertThat(answer("background").applied()).isTrue();
    assertThat(repo.requests).hasSize(1);
    assertThat(repo.requests.get(0).batches()).hasSize(2);
  }

  @Test
  void theMemoryKeepsOnlyTheMostRecentAnswers() throws Exception {
    start(new StateRepoSettings(Duration.ofMillis(200), 0));
    int submitters = StateRepoWorkflowImpl.REMEMBERED + 10;
    for (int i = 0; i < submitters; i++) {
      writer().submit(batch("m" + i, "image/app-" + i));
    }
    answers("m" + (submitters - 1), 1);
    assertThat(writer().status().submitters()).isEqualTo(StateRepoWorkflowImpl.REMEMBERED);

    // The newest are answered from memory; a forgotten one is applied again, to no effect in git.
    writer().submit(batch("m" + (submitters - 1), "image/app-" + (submitters - 1)));
    writer().submit(batch("m0", "image/app-0"));
    answers("m0", 2);
    assertThat(repo.applied("m" + (submitters - 1))).isEqualTo(1);
    assertThat(repo.applied("m0")).isEqualTo(2);
  }

  @Test
  void answersOlderThanTheMemoryAreNotCarriedIntoTheNextRun() throws Exception {
    CommitOutcome remembered = new CommitOutcome("c0", true, false, null);
    long hoursAgo = Instant.now().minus(StateRepoWorkflowImpl.REMEMBER_FOR).toEpochMilli() - 1;
    start(
        new StateRepoSettings(
            Duration.ofMillis(100),
            20,
            List.of(),
            AnsweredBatches.of(
                List.of(
                    new Acknowledgement("image/old", "o", remembered),
                    new Acknowledgement("image/new", "n", remembered)),
                Map.of("image/old", hoursAgo, "image/new", Instant.now().toEpochMilli())),
            List.of()));
    String firstRun = runId();
    for (int i = 0; i < 8 && runId().equals(firstRun); i++) {
      writer().submit(batch("fill" + i, "image/fill"));
      answer("fill" + i);
    }
    assertThat(runId()).isNotEqualTo(firstRun);

    writer().submit(batch("n", "image/new"));
    writer().submit(batch("o", "image/old"));

    assertThat(answer("o").applied()).isTrue();
    assertThat(repo.applied("n")).isZero();
    assertThat(repo.applied("o")).isEqualTo(1);
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
