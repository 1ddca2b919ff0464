package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static io.imagefactory.image.ImageWorkflowFixtures.managed;
import static io.imagefactory.image.ImageWorkflowFixtures.pinning;
import static io.imagefactory.image.ImageWorkflowFixtures.withBuildErrors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rebuilds that start a CI run: following the run, its conclusion, and what a failure keeps. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageRebuildRunTest {

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration WEEK = Duration.ofDays(7);

  private RecordingActivities ci;
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    ci = new RecordingActivities();
    ci.startsRuns = true;
    temporal = new WorkflowTestEnvironment(ci);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void aRunIsFollowedToSuccessAndTheNextBuildClosesTheRebuild() {
    ImageWorkflow api = start(managed("api", DAY, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(DAY.plusMinutes(1));

    RebuildEntry running = api.status().runtime().lastRebuild();
    assertThat(running.outcome()).isEqualTo(RebuildEntry.DISPATCHED);
    assertThat(running.runUrl()).endsWith("/actions/runs/1");
    assertThat(api.status().details()).contains("rebuild api#1 running " + running.runUrl());

    temporal.sleep(Duration.ofMinutes(10));
    assertThat(ci.rebuilds).hasSize(1);
    // One read a minute, by activity retries: no worker slot waits between reads.
    assertThat(ci.runReads.get()).isBetween(8, 12);

    ci.conclusions.put("1", conclusion(RunConclusion.SUCCEEDED));
    temporal.sleep(Duration.ofMinutes(2));
    assertThat(api.status().runtime().lastRebuild().outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
    assertThat(searchAttribute("api")).isEqualTo(RebuildEntry.SUCCEEDED);

    api.built(new ImageBuild(digest(100), "2", temporal.now()));
    ImageRuntime runtime = api.status().runtime();
    assertThat(runtime.lastRebuild().outcome()).isEqualTo(RebuildEntry.BUILT);
    assertThat(runtime.lastRebuild().builtDigest()).isEqualTo(digest(100));
    assertThat(runtime.lastBuiltBy()).isEqualTo("api#1");
  }

  @Test
  void aFailedRunKeepsItsCandidatesAndIsRetriedThenHeldForAPerson() {
    ImageWorkflow api = start(managed("api", DAY, true, NODE));
    Instant firstSeen = update(api, NODE, 1);
    temporal.sleep(DAY.plusMinutes(1));
    ci.conclusions.put("1", conclusion(RunConclusion.FAILED));
    temporal.sleep(Duration.ofMinutes(2));

    ImageRuntime failed = api.status().runtime();
    assertThat(failed.lastRebuild().outcome()).isEqualTo(RebuildEntry.FAILED);
    assertThat(failed.pending()).containsExactly(new PendingDigest(NODE, digest(1), firstSeen));
    assertThat(api.status().details()).startsWith("retrying the failed rebuild in 5");

    ci.conclusions.put("2", conclusion(RunConclusion.TIMED_OUT));
    temporal.sleep(Duration.ofHours(1));
    assertThat(ci.rebuilds).extracting(RebuildRequest::trigger).containsExactly("timer", "retry");
    ci.conclusions.put("3", conclusion(RunConclusion.CANCELLED));
    temporal.sleep(Duration.ofHours(5));
    assertThat(ci.rebuilds).hasSize(3);

    temporal.sleep(WEEK);
    assertThat(ci.rebuilds).hasSize(3);
    assertThat(api.status().details()).startsWith("rebuild failed 3 times in a row");
    assertThat(api.status().runtime().pending()).hasSize(1);

    ci.conclusions.put("4", conclusion(RunConclusion.SUCCEEDED));
    assertThat(api.rebuildNow("alice").rebuildId()).isEqualTo("api#4");
    temporal.sleep(Duration.ofMinutes(2));
    assertThat(api.status().runtime().failedAttempts()).isZero();
    assertThat(api.status().runtime().pending()).isEmpty();
  }

  @Test
  void signalsAndNewCandidatesAreHandledWhileARunIsInFlight() {
    ImageWorkflow api = start(managed("api", DAY, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(DAY.plusMinutes(1));

    update(api, NODE, 2);
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThatThrownBy(() -> api.rebuildNow("bob"))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("api#1 of api is in flight");

    temporal.sleep(DAY.plusHours(1));
    assertThat(ci.rebuilds).hasSize(1);

    ci.conclusions.put("1", conclusion(RunConclusion.SUCCEEDED));
    temporal.sleep(Duration.ofMinutes(2));
    assertThat(ci.rebuilds).hasSize(2);
    assertThat(ci.rebuilds.get(1).baseDigests()).containsEntry(NODE, digest(2));
  }

  @Test
  void pinnedInputsBuildTheMaturedDigestAndLeaveAYoungerOnePending() {
    ImageWorkflow api = start(pinning(managed("api", WEEK, true, NODE)));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofDays(3));
    Instant second = update(api, NODE, 2);
    temporal.sleep(Duration.ofDays(4).plusMinutes(1));

    RebuildEntry first = api.status().runtime().lastRebuild();
    assertThat(first.baseDigests()).containsExactly(Map.entry(NODE, digest(1)));
    assertThat(first.pinned()).isTrue();
    assertThat(first.covered()).extracting(PendingDigest::digest).containsExactly(digest(1));
    assertThat(api.status().runtime().pending())
        .containsExactly(new PendingDigest(NODE, digest(2), second));

    ci.conclusions.put("1", conclusion(RunConclusion.SUCCEEDED));
    temporal.sleep(Duration.ofDays(3));
    assertThat(ci.rebuilds).hasSize(2);
    assertThat(ci.rebuilds.get(1).baseDigests()).containsEntry(NODE, digest(2));
  }

  @Test
  void withoutPinnedInputsTheRecordSaysTheTagWasBuiltAsItStood() {
    ImageWorkflow api = start(managed("api", WEEK, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(Duration.ofDays(3));
    update(api, NODE, 2);
    temporal.sleep(Duration.ofDays(4).plusMinutes(1));

    RebuildEntry rebuild = api.status().runtime().lastRebuild();
    assertThat(rebuild.pinned()).isFalse();
    assertThat(rebuild.baseDigests()).containsEntry(NODE, digest(1));
    assertThat(rebuild.unmatured()).extracting(PendingDigest::digest).containsExactly(digest(2));
    assertThat(rebuild.builds()).contains("may include unmatured " + NODE + " sha256:000000000000");
    assertThat(api.status().runtime().pending()).isEmpty();
  }

  @Test
  void aRejectedDispatchIsRecordedWithTheReasonAndKeepsTheCandidates() {
    ci.dispatchFailure =
        ApplicationFailure.newNonRetryableFailure(
            "GitHub answered 404 Not Found for example-org/api build.yml",
            RebuildFailures.REJECTED);
    ImageWorkflow api = start(managed("api", DAY, true, NODE));
    update(api, NODE, 1);
    temporal.sleep(DAY.plusMinutes(1));

    RebuildEntry rejected = api.status().runtime().lastRebuild();
    assertThat(rejected.outcome()).isEqualTo(RebuildEntry.REJECTED);
    assertThat(rejected.detail()).contains("404 Not Found");
    assertThat(api.status().runtime().pending()).hasSize(1);
    assertThat(ci.rebuilds).hasSize(1);
  }

  @Test
  void aRestoredImageResumesTheRunItWasFollowingAndTheDispatchItWasMaking() {
    RunRef run = new RunRef("github", "example-org/api", "77", "https://example/runs/77");
    RebuildEntry dispatched =
        new RebuildEntry(
            "api#3",
            temporal.now(),
            "timer",
            Map.of(NODE, digest(1)),
            List.of(),
            false,
            List.of(),
            "",
            RebuildEntry.DISPATCHED,
            "dispatched",
            run.url(),
            run,
            null,
            null,
            List.of());
    ci.conclusions.put("77", conclusion(RunConclusion.SUCCEEDED));
    ImageWorkflow api =
        start(
            new ImageSetup(
                managed("api", DAY, true, NODE),
                ImageRuntime.empty().withLastRebuild(dispatched).withRebuildCount(3)));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(api.status().runtime().lastRebuild().outcome()).isEqualTo(RebuildEntry.SUCCEEDED);
    assertThat(ci.rebuilds).isEmpty();

    RebuildEntry dispatching =
        new RebuildEntry(
            "web#2",
            temporal.now(),
            "timer",
            Map.of(NODE, digest(1)),
            List.of(),
            false,
            List.of(),
            "",
            RebuildEntry.DISPATCHING,
            "",
            null,
            null,
            null,
            null,
            List.of());
    ImageWorkflow web =
        start(
            new ImageSetup(
                managed("web", DAY, true, NODE),
                ImageRuntime.empty().withLastRebuild(dispatching).withRebuildCount(2)));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(ci.rebuilds)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.rebuildId()).isEqualTo("web#2");
              assertThat(r.resumed()).isTrue();
            });
    assertThat(web.status().runtime().lastRebuild().outcome()).isEqualTo(RebuildEntry.DISPATCHED);
  }

  @Test
  void aBuildThatNoRebuildExplainsIsRecordedAsSuch() {
    ImageWorkflow api = start(managed("api", DAY, true, NODE));
    api.built(new ImageBuild(digest(50), "1", temporal.now()));
    api.built(new ImageBuild(digest(51), "2", temporal.now()));
    assertThat(api.status().runtime().lastBuiltBy()).isEqualTo(ImageRuntime.BUILT_OUTSIDE);
  }

  @Test
  void anInvalidRebuildTargetHoldsTheRebuildUntilItIsFixed() {
    ImageConfig valid = managed("api", DAY, true, NODE);
    ImageWorkflow api =
        start(withBuildErrors(valid, "workflow build.yml has no workflow_dispatch"));
    update(api, NODE, 1);
    temporal.sleep(DAY.plusHours(1));
    assertThat(ci.rebuilds).isEmpty();
    assertThat(api.status().details()).startsWith("rebuild blocked: workflow build.yml");
    assertThatThrownBy(() -> api.rebuildNow("bob"))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("rebuild target of api is invalid");

    api.configure(valid);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(ci.rebuilds).hasSize(1);
  }

  @Test
  void aCascadeIsDispatchedWithTheCascadeReason() {
    ImageWorkflow reports = start(managed("reports", DAY, true, "base-python"));
    reports.baseUpdated(new BaseUpdate("base-python", digest(9), temporal.now(), true));
    temporal.sleep(DAY.plusMinutes(1));
    assertThat(ci.rebuilds).extracting(RebuildRequest::trigger).containsExactly("cascade");
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

  private Instant update(ImageWorkflow image, String base, int digest) {
    Instant seenAt = temporal.now();
    image.baseUpdated(new BaseUpdate(base, digest(digest), seenAt));
    return seenAt;
  }

  private RunConclusion conclusion(String how) {
    return new RunConclusion(how, "https://example/run", "run " + how, temporal.now());
  }

  private Object searchAttribute(String image) {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.image(image))
        .describe()
        .getTypedSearchAttributes()
        .getUntypedValues()
        .entrySet()
        .stream()
        .filter(e -> e.getKey().getName().equals(EntitySearchAttributes.REBUILD_OUTCOME.getName()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }
}
