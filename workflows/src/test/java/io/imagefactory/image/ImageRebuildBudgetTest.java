package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static io.imagefactory.image.ImageWorkflowFixtures.managed;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetQueue;
import io.imagefactory.budget.BudgetStatus;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.rebuild.RebuildWindow;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.WindowRange;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image workflow with the rebuild budget and its rebuild window, on a time-skipping server
 * whose clock starts on a chosen date: a matured rebuild waits for its window and for a slot, says
 * so, and gives the slot back when its run ends or the image leaves.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ImageRebuildBudgetTest {

  private static final RebuildWindow OFFICE_HOURS =
      new RebuildWindow(
          "Europe/London",
          List.of(new WindowRange(List.of("Mon", "Tue", "Wed", "Thu"), "09:00", "16:00")));

  @ParameterizedTest(name = "{3}")
  @CsvSource({
    "2025-06-10T07:00:00Z, PT1H, 2025-06-10T08:00:00Z, matures inside the window",
    "2025-06-10T05:00:00Z, PT1H, 2025-06-10T08:00:00Z, matures before the day's opening",
    "2025-06-12T14:00:00Z, PT2H, 2025-06-16T08:00:00Z, matures after Thursday's closing",
    "2025-03-28T15:00:00Z, PT1H, 2025-03-31T08:00:00Z, waits across the spring change",
    "2025-10-24T14:00:00Z, PT1H, 2025-10-27T09:00:00Z, waits across the autumn change",
  })
  void aMaturedRebuildIsDispatchedAtTheWindowsNextOpening(
      Instant start, Duration delay, Instant dispatchedAt, String ignored) {
    RecordingActivities ci = new RecordingActivities();
    try (WorkflowTestEnvironment temporal = WorkflowTestEnvironment.at(start, ci)) {
      ImageWorkflow api =
          start(temporal, managed("api", delay, true, NODE).withRebuildWindow(OFFICE_HOURS));
      api.baseUpdated(new BaseUpdate(NODE, digest(1), start));

      temporal.sleep(Duration.between(start, dispatchedAt).minusMinutes(1));
      assertThat(ci.rebuilds).isEmpty();
      if (!start.plus(delay).equals(dispatchedAt)) {
        assertThat(api.status().details())
            .startsWith("rebuild matured; waiting for its rebuild window (Mon,Tue,Wed,Thu")
            .endsWith("which opens " + dispatchedAt);
      }
      temporal.sleep(Duration.ofMinutes(2));
      // The budget gathers the tickets asked for at the opening for a few seconds.
      assertThat(ci.rebuilds)
          .singleElement()
          .extracting(RebuildRequest::requestedAt)
          .satisfies(
              at ->
                  assertThat(at)
                      .isBetween(
                          dispatchedAt, dispatchedAt.plus(BudgetQueue.GATHER).plusSeconds(1)));
    }
  }

  @Test
  void rebuildNowIgnoresTheWindow() {
    RecordingActivities ci = new RecordingActivities();
    Instant saturday = Instant.parse("2025-06-14T12:00:00Z");
    try (WorkflowTestEnvironment temporal = WorkflowTestEnvironment.at(saturday, ci)) {
      ImageWorkflow api =
          start(
              temporal,
              managed("api", Duration.ofHours(1), true, NODE).withRebuildWindow(OFFICE_HOURS));
      api.baseUpdated(new BaseUpdate(NODE, digest(1), saturday));
      temporal.sleep(Duration.ofHours(2));
      assertThat(ci.rebuilds).isEmpty();

      assertThat(api.rebuildNow("alice").outcome()).isEqualTo(RebuildEntry.RECORDED);
      assertThat(ci.rebuilds).singleElement().extracting(RebuildRequest::trigger).isEqualTo("now");
    }
  }

  @Test
  void aRebuildWithoutASlotWaitsInTheQueueSaysSoAndGoesWhenTheRunBeforeItEnds() {
    RecordingActivities ci = new RecordingActivities();
    ci.startsRuns = true;
    ci.limits = new BudgetLimits(1, 50, 300, Map.of(), Map.of(), null);
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(ci)) {
      ImageWorkflow api = start(temporal, inMonorepo("api"));
      ImageWorkflow web = start(temporal, inMonorepo("web"));
      api.baseUpdated(new BaseUpdate(NODE, digest(1), temporal.now()));
      temporal.sleep(Duration.ofSeconds(1));
      web.baseUpdated(new BaseUpdate(NODE, digest(1), temporal.now()));

      temporal.sleep(Duration.ofHours(1).plusMinutes(5));
      assertThat(ci.rebuilds).extracting(RebuildRequest::image).containsExactly("api");
      assertThat(web.status().details())
          .isEqualTo("queued: 0 ahead for example-org/mono (1 of 1 running)");
      assertThat(web.status().runtime().queuedSince()).isNotNull();
      BudgetStatus budget = budget(temporal).status();
      assertThat(budget.queuedPerHost()).containsEntry("github.com", 1);
      assertThat(budget.runningPerRepository()).containsEntry("github.com/example-org/mono", 1);
      assertThat(budget.details()).isEqualTo("1 queued (github.com 1); 1 running (github.com 1)");

      ci.conclusions.put(
          "1", new RunConclusion(RunConclusion.FAILED, "u", "failed", temporal.now()));
      temporal.sleep(Duration.ofMinutes(3));
      assertThat(ci.rebuilds).extracting(RebuildRequest::image).containsExactly("api", "web");
      assertThat(web.status().runtime().queuedSince()).isNull();
      assertThat(web.status().details()).contains("rebuild web#1 running");

      ci.conclusions.put(
          "2", new RunConclusion(RunConclusion.SUCCEEDED, "u", "ok", temporal.now()));
      temporal.sleep(Duration.ofMinutes(3));
      assertThat(budget(temporal).status().runningPerHost()).isEmpty();
      assertThat(budget(temporal).queueLengths()).isEmpty();
    }
  }

  @Test
  void anUnenrolledImageGivesBackItsSlotAndItsPlaceInTheQueue() {
    RecordingActivities ci = new RecordingActivities();
    ci.startsRuns = true;
    ci.limits = new BudgetLimits(1, 50, 300, Map.of(), Map.of(), null);
    try (WorkflowTestEnvironment temporal = new WorkflowTestEnvironment(ci)) {
      ImageWorkflow api = start(temporal, inMonorepo("api"));
      ImageWorkflow web = start(temporal, inMonorepo("web"));
      ImageWorkflow db = start(temporal, inMonorepo("db"));
      for (ImageWorkflow image : List.of(api, web, db)) {
        image.baseUpdated(new BaseUpdate(NODE, digest(1), temporal.now()));
        temporal.sleep(Duration.ofSeconds(1));
      }
      temporal.sleep(Duration.ofHours(1).plusMinutes(5));
      assertThat(ci.rebuilds).extracting(RebuildRequest::image).containsExactly("api");
      assertThat(db.status().details()).startsWith("queued: 1 ahead for example-org/mono");

      web.unenroll();
      api.unenroll();
      temporal.sleep(Duration.ofMinutes(1));
      assertThat(ci.rebuilds).extracting(RebuildRequest::image).containsExactly("api", "db");
      assertThat(budget(temporal).status().runningPerRepository())
          .containsEntry("github.com/example-org/mono", 1);
      assertThat(budget(temporal).queueLengths()).isEmpty();
    }
  }

  private static ImageConfig inMonorepo(String name) {
    ImageConfig config = managed(name, Duration.ofHours(1), true, NODE);
    return new ImageConfig(
        config.name(),
        config.kind(),
        config.rebuildDelay(),
        config.autoRebuild(),
        config.baseImages(),
        config.pinnedBaseImages(),
        config.dependentImages(),
        new RebuildTarget("github", "example-org/mono", name + ".yml", "main", Map.of()),
        config.baseReferences(),
        config.pinsBases(),
        config.buildErrors(),
        null,
        null,
        null,
        null);
  }

  private static RebuildBudgetWorkflow budget(WorkflowTestEnvironment temporal) {
    return temporal.existing(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET);
  }

  private static ImageWorkflow start(WorkflowTestEnvironment temporal, ImageConfig config) {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(config.name()));
    WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));
    return image;
  }
}
