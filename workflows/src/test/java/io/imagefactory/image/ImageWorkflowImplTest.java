package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.DISTROLESS;
import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static io.imagefactory.image.ImageWorkflowFixtures.managed;
import static io.imagefactory.image.ImageWorkflowFixtures.withDependents;
import static io.imagefactory.image.ImageWorkflowFixtures.withPinned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.ImageRuntimeChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageWorkflowImplTest {

  private static final Duration WEEK = Duration.ofDays(7);

  private RecordingActivities activities;
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private ImageWorkflow start(ImageConfig config) {
    return start(new ImageSetup(config, ImageRuntime.empty()));
  }

  private ImageWorkflow start(ImageSetup setup) {
    ImageWorkflow workflow =
        temporal.newStub(ImageWorkflow.class, WorkflowIds.image(setup.config().name()));
    WorkflowClient.start(workflow::run, setup);
    return workflow;
  }

  /** Sends a base update first seen now, and returns that time. */
  private Instant update(ImageWorkflow image, String base, int digest) {
    Instant seenAt = temporal.now();
    image.baseUpdated(new BaseUpdate(base, digest(digest), seenAt));
    return seenAt;
  }

  @Test
  void sevenDayDelayFiresExactlyOnceAtTheRightTime() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    Instant firstSeen = update(api, NODE, 1);

    temporal.sleep(WEEK.minusMinutes(1));
    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().runtime().eligibleAt()).isEqualTo(firstSeen.plus(WEEK));

    temporal.sleep(Duration.ofMinutes(2));
    assertThat(activities.rebuilds).hasSize(1);
    RebuildRequest rebuild = activities.rebuilds.get(0);
    assertThat(rebuild.trigger()).isEqualTo("timer");
    assertThat(rebuild.baseDigests()).isEqualTo(Map.of(NODE, digest(1)));
    assertThat(rebuild.requestedAt())
        .isBetween(firstSeen.plus(WEEK), firstSeen.plus(WEEK).plusSeconds(60));
    assertThat(rebuild.target().workflow()).isEqualTo("build.yml");

    temporal.sleep(Duration.ofDays(30));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(api.status().runtime().pending()).isEmpty();
  }

  @Test
  void twoUpdatesInsideTheDelayGiveOneRebuildCoveringBoth() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE, DISTROLESS));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofDays(2));
    update(api, DISTROLESS, 2);

    temporal.sleep(Duration.ofDays(5).plusMinutes(1));
    assertThat(activities.rebuilds).hasSize(1);
    RebuildEntry last = api.status().runtime().lastRebuild();
    assertThat(last.covered())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1), digest(2));
    assertThat(last.baseDigests()).isEqualTo(Map.of(NODE, digest(1)));

    temporal.sleep(Duration.ofDays(14));
    assertThat(activities.rebuilds).hasSize(1);
  }

  @Test
  void dailyBaseUpdatesStillRebuildWithTheNewestMaturedDigest() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 0);
    temporal.sleep(Duration.ofHours(12));
    for (int day = 1; day <= 14; day++) {
      update(api, NODE, day);
      temporal.sleep(Duration.ofDays(1));
    }
    // The loop ends at 14.5d, the very moment the second timer fires: step past it.
    temporal.sleep(Duration.ofHours(6));
    // Updates at 0, 0.5d, 1.5d … 13.5d: the first matures at 7d, the first after that rebuild
    // (7.5d) at 14.5d. A daily update never starves the weekly delay.
    assertThat(activities.rebuilds).hasSize(2);
    assertThat(activities.rebuilds.get(0).baseDigests()).isEqualTo(Map.of(NODE, digest(0)));
    assertThat(activities.rebuilds.get(1).baseDigests()).isEqualTo(Map.of(NODE, digest(8)));
  }

  @Test
  void withoutAutoRebuildAMaturedRebuildWaitsForApproval() {
    ImageWorkflow web = start(managed("web", WEEK, false, NODE));
    Instant firstSeen = update(web, NODE, 1);

    temporal.sleep(WEEK.plusHours(1));
    assertThat(activities.rebuilds).isEmpty();
    ImageRuntime runtime = web.status().runtime();
    assertThat(runtime.awaitingApproval()).isTrue();
    assertThat(runtime.eligibleAt()).isEqualTo(firstSeen.plus(WEEK));
    assertThat(recordedRuntimes("web").get(recordedRuntimes("web").size() - 1).awaitingApproval())
        .isTrue();
    assertThat(searchAttribute("web", EntitySearchAttributes.REBUILD_PENDING.getName()))
        .isEqualTo(true);

    RebuildEntry approved = web.approve("alice");
    assertThat(approved.trigger()).isEqualTo("approval");
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(web.status().runtime().awaitingApproval()).isFalse();
    assertThat(searchAttribute("web", EntitySearchAttributes.REBUILD_PENDING.getName()))
        .isEqualTo(false);
  }

  @Test
  void approvingWithNothingAwaitingApprovalIsRefused() {
    ImageWorkflow web = start(managed("web", WEEK, false, NODE));
    assertThatThrownBy(() -> web.approve("alice"))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("image web has no rebuild awaiting approval");
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void rebuildNowBypassesTheDelayAndConsumesThePendingDigests() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofHours(1));

    RebuildEntry entry = api.rebuildNow("bob");
    assertThat(entry.trigger()).isEqualTo("now");
    assertThat(entry.baseDigests()).isEqualTo(Map.of(NODE, digest(1)));
    assertThat(activities.rebuilds).hasSize(1);

    temporal.sleep(Duration.ofDays(10));
    assertThat(activities.rebuilds).hasSize(1);
  }

  @Test
  void theSameDigestDeliveredTwiceHasOneEffect() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    BaseUpdate event = new BaseUpdate(NODE, digest(1), temporal.now());
    api.baseUpdated(event);
    api.baseUpdated(event);
    temporal.sleep(Duration.ofHours(1));
    assertThat(api.status().runtime().pending()).hasSize(1);

    temporal.sleep(WEEK);
    api.baseUpdated(event);
    temporal.sleep(Duration.ofDays(10));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(api.status().runtime().pending()).isEmpty();
  }

  @Test
  void aPinnedBaseIsReportedAndNeverRebuilt() {
    ImageWorkflow api = start(withPinned(managed("api", WEEK, true, NODE), NODE));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofDays(10));
    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().runtime().pinnedUpdates())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1));
  }

  @Test
  void aRebuildCascadesThroughManagedImagesThatAreBasesOfOthers() {
    Duration hour = Duration.ofHours(1);
    ImageWorkflow a = start(withDependents(managed("a", hour, true, NODE), "b"));
    ImageWorkflow b =
        start(
            new ImageSetup(
                withDependents(managed("b", hour, true, "a"), "c"),
                ImageRuntime.empty().withBuild(digest(20), "1", null, null)));
    ImageWorkflow c = start(managed("c", hour, true, "b"));

    a.built(new ImageBuild(digest(10), "1", temporal.now()));
    temporal.sleep(Duration.ofMinutes(5));
    assertThat(b.status().runtime().pending()).isEmpty();

    a.built(new ImageBuild(digest(11), "2", temporal.now()));
    temporal.sleep(hour.plusMinutes(5));
    assertThat(activities.rebuilds).extracting(RebuildRequest::image).containsExactly("b");
    assertThat(activities.rebuilds.get(0).baseDigests()).isEqualTo(Map.of("a", digest(11)));

    b.built(new ImageBuild(digest(21), "2", temporal.now()));
    temporal.sleep(hour.plusMinutes(5));
    assertThat(activities.rebuilds).extracting(RebuildRequest::image).containsExactly("b", "c");
    assertThat(activities.rebuilds.get(1).baseDigests()).isEqualTo(Map.of("b", digest(21)));
    assertThat(b.status().runtime().lastRebuild().outcome()).isEqualTo("built");
    assertThat(activities.enrollmentRequests)
        .extracting(r -> r.reanalyze().get(0))
        .containsExactly("a", "b");
    assertThat(c.status().runtime().pending()).isEmpty();
  }

  @Test
  void aCascadeFromOneOfItsOwnDependentsIsRefusedAsACycle() {
    Duration hour = Duration.ofHours(1);
    ImageWorkflow a = start(withDependents(managed("a", hour, true, "b"), "b"));
    ImageWorkflow b = start(withDependents(managed("b", hour, true, "a"), "a"));
    a.built(new ImageBuild(digest(1), "1", temporal.now()));
    a.built(new ImageBuild(digest(2), "2", temporal.now()));
    temporal.sleep(Duration.ofDays(1));
    assertThat(b.status().runtime().pending()).isEmpty();
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void unenrollingCancelsThePendingTimer() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofDays(1));
    api.unenroll();
    temporal.sleep(Duration.ofDays(10));
    assertThat(activities.rebuilds).isEmpty();
    WorkflowStub stub = temporal.client.newUntypedWorkflowStub(WorkflowIds.image("api"));
    assertThat(stub.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void continueAsNewKeepsThePendingCandidates() {
    ImageWorkflow api =
        start(
            new ImageSetup(managed("api", WEEK, true, NODE, DISTROLESS), ImageRuntime.empty(), 30));
    String firstRun = runId("api");
    for (int i = 1; i <= 12; i++) {
      update(api, i % 2 == 0 ? NODE : DISTROLESS, i);
      temporal.sleep(Duration.ofMinutes(10));
    }
    assertThat(runId("api")).isNotEqualTo(firstRun);
    assertThat(api.status().runtime().pending()).hasSize(12);

    temporal.sleep(WEEK);
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(api.status().runtime().lastRebuild().covered()).hasSize(12);
  }

  @Test
  void everyChangeIsRecordedForTheStateRepository() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(WEEK.plusMinutes(1));
    List<ImageRuntime> recorded = recordedRuntimes("api");
    assertThat(recorded.get(0).pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1));
    ImageRuntime last = recorded.get(recorded.size() - 1);
    assertThat(last.pending()).isEmpty();
    assertThat(last.lastRebuild().outcome()).isEqualTo("recorded");
    assertThat(last.rebuildCount()).isEqualTo(1);
  }

  @Test
  void reconfiguringRecordsOnlyARealChange() {
    ImageConfig config = managed("api", WEEK, true, NODE, DISTROLESS);
    ImageWorkflow api = start(config);
    api.configure(config);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(recordedRuntimes("api")).isEmpty();

    update(api, DISTROLESS, 1);
    // Taken in one pass, the candidate and its removal would change nothing to record.
    temporal.sleep(Duration.ofSeconds(1));
    api.configure(managed("api", WEEK, true, NODE));
    temporal.sleep(Duration.ofMinutes(1));
    List<ImageRuntime> recorded = recordedRuntimes("api");
    assertThat(recorded.get(recorded.size() - 1).pending()).isEmpty();
    temporal.sleep(WEEK);
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void theDetailsLineSaysWhatTheImageWaitsFor() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 0xab12);
    temporal.sleep(Duration.ofMinutes(30));
    assertThat(api.status().details())
        .isEqualTo("waiting 6d 23h for node-22-bookworm-slim sha256:000000000000 to mature");
  }

  @Test
  void aRecordTheStateRepositoryRefusesIsKeptAndSentAgainUntilItIsTaken() {
    AtomicInteger refusals = new AtomicInteger(2);
    activities.refusal =
        batch -> refusals.getAndDecrement() > 0 ? "images/api.yaml does not exist" : null;
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);

    temporal.sleep(Duration.ofSeconds(5));
    assertThat(recordedRuntimes("api")).isEmpty();
    assertThat(api.status().details())
        .contains("state repository behind: images/api.yaml does not exist");

    temporal.sleep(Duration.ofMinutes(2));
    assertThat(recordedRuntimes("api"))
        .extracting(r -> r.pending().get(0).digest())
        .containsExactly(digest(1));
    assertThat(api.status().details()).doesNotContain("behind");
  }

  @Test
  void aRecordLeftUnansweredIsSentAgainAndCommittedOnce() {
    activities.answers = false;
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(StateRepoOutbox.ANSWER_TIMEOUT.plusMinutes(1));
    assertThat(api.status().details())
        .contains("state repository behind: batch unanswered for 10 min; sent again");
    activities.answers = true;

    temporal.sleep(StateRepoOutbox.ANSWER_TIMEOUT.multipliedBy(3));
    assertThat(recordedRuntimes("api")).hasSize(1);
    assertThat(activities.acknowledged.stream().map(a -> a.batchId()).distinct()).hasSize(1);
    assertThat(activities.acknowledged.size()).isGreaterThan(1);
    assertThat(api.status().details()).doesNotContain("behind");
  }

  @Test
  void changesMadeWhileARecordIsInFlightGoInTheNextBatchAsTheNewestRuntime() {
    activities.answers = false;
    ImageWorkflow api = start(managed("api", WEEK, true, NODE, DISTROLESS));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofSeconds(30));
    update(api, DISTROLESS, 2);
    update(api, NODE, 3);
    activities.answers = true;

    temporal.sleep(StateRepoOutbox.ANSWER_TIMEOUT.multipliedBy(2));
    List<ImageRuntime> recorded = recordedRuntimes("api");
    assertThat(recorded).hasSize(2);
    assertThat(recorded.get(1).pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1), digest(2), digest(3));
  }

  @Test
  void aRequestedRebuildAndItsDispatchAnswerAreRecordedInOneBatch() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(WEEK.plusMinutes(5));

    List<ImageRuntime> recorded = recordedRuntimes("api");
    assertThat(recorded).hasSize(2);
    assertThat(recorded.get(1).lastRebuild().outcome()).isEqualTo(RebuildEntry.RECORDED);
  }

  private List<ImageRuntime> recordedRuntimes(String image) {
    return activities.submitted.stream()
        .flatMap(b -> b.changes().stream())
        .filter(c -> c instanceof ImageRuntimeChange r && r.image().equals(image))
        .map(c -> ((ImageRuntimeChange) c).runtime())
        .toList();
  }

  private Object searchAttribute(String image, String name) {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.image(image))
        .describe()
        .getTypedSearchAttributes()
        .getUntypedValues()
        .entrySet()
        .stream()
        .filter(e -> e.getKey().getName().equals(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  private String runId(String image) {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.image(image))
        .describe()
        .getExecution()
        .getRunId();
  }
}
