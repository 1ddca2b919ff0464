package io.imagefactory.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.budget.RebuildBudgetWorkflowImpl;
import io.imagefactory.enrollment.EntitySetups;
import io.imagefactory.github.GitHubApi;
import io.imagefactory.github.GitHubCiProvider;
import io.imagefactory.image.BaseUpdate;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.rebuild.BudgetFleet;
import io.imagefactory.rebuild.FleetGitHub;
import io.imagefactory.rebuild.RebuildActivitiesImpl;
import io.imagefactory.rebuild.RebuildBudgetActivitiesImpl;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.StateRepoClientActivitiesImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The what-if against what happens: the generated fleet is started as the real image, budget and
 * state-repository workflows on a time-skipping server, with a local GitHub whose runs last exactly
 * the assumed duration and a Kargo stand-in that reports each rebuilt image's new build when its
 * run ends; then the base's digest arrives. GitHub must see the images the plan named, each once,
 * in the plan's order and within two seconds of the plan's times (up to ties, which the plan cannot
 * break: see {@link #assertSameTimes}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WhatIfAgreementTest {

  static final Duration RUN = Duration.ofMinutes(15);

  /** Timers, signals and activities take a few real milliseconds of the server's clock each. */
  static final Duration TOLERANCE = Duration.ofSeconds(2);

  /** Less than the fleet's shortest delay (30m) and its runs (15m). */
  static final Duration STEP = Duration.ofMinutes(10);

  @TempDir Path dir;

  @Test
  void theBaseDigestRebuildsThePlannedImagesInThePlannedOrderAtThePlannedTimes() throws Exception {
    StateSnapshot state = new StateDirectoryReader().read(WhatIfFleet.write(dir));
    RebuildPreview plan =
        new WhatIfPlanner()
            .plan(state, WhatIfFleet.NODE_REFERENCE, WhatIfFleet.NOW, RUN, WhatIfFleet.LIMITS);
    Map<String, Instant> planned = new TreeMap<>();
    plan.rebuilds().stream()
        .filter(r -> r.dispatchedAt() != null)
        .forEach(r -> planned.put(r.image(), r.dispatchedAt()));
    Instant lastPlanned = planned.values().stream().max(Instant::compareTo).orElseThrow();

    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(WhatIfFleet.NOW).build());
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    WorkflowClient client = env.getWorkflowClient();
    List<String> repos =
        WhatIfFleet.IMAGES.stream().map(WhatIfFleet.Image::repo).distinct().toList();
    try (FleetGitHub github =
        new FleetGitHub(repos, () -> Instant.ofEpochMilli(env.currentTimeMillis()), RUN)) {
      startWorker(env, client, github);
      startFleet(client, state, github);
      for (ImageSetup setup : EntitySetups.of(state).images()) {
        if (setup.config().baseImages().contains(WhatIfFleet.NODE)) {
          image(client, setup.config().name())
              .baseUpdated(
                  new BaseUpdate(WhatIfFleet.NODE, "sha256:" + "b".repeat(64), WhatIfFleet.NOW));
        }
      }
      Set<Long> reported = new HashSet<>();
      while (!now(env).isAfter(lastPlanned.plus(RUN).plus(Duration.ofHours(1)))) {
        // Runs dispatched during a step are seen at its end: a step shorter than the cascade's
        // delay reports each build (seen at its run's end) before its dependents are due.
        Instant next = now(env).plus(STEP);
        for (FleetGitHub.Dispatch d : github.dispatches()) {
          if (!reported.contains(d.runId()) && d.ends().isBefore(next)) {
            next = d.ends();
          }
        }
        env.sleep(Duration.between(now(env), next).plusSeconds(1));
        for (FleetGitHub.Dispatch d : github.dispatches()) {
          if (!d.ends().isAfter(now(env)) && reported.add(d.runId())) {
            // Kargo sees the new build when its run has pushed it: at the run's end.
            image(client, d.image())
                .built(
                    new ImageBuild(
                        "sha256:" + String.format("%064x", 0xF000 + d.runId()),
                        "1.0." + d.runId(),
                        d.ends()));
          }
        }
      }

      List<FleetGitHub.Dispatch> dispatches = github.dispatches();
      Map<String, Long> perImage =
          dispatches.stream()
              .collect(Collectors.groupingBy(FleetGitHub.Dispatch::image, Collectors.counting()));
      assertThat(perImage.keySet()).containsExactlyInAnyOrderElementsOf(planned.keySet());
      assertThat(perImage.values()).allMatch(n -> n == 1);
      assertSameTimes(plan, dispatches);
      assertSameOrder(plan, dispatches);
      assertThat(image(client, "reviewed").status().runtime().awaitingApproval()).isTrue();
      assertThat(budget(client).queueLengths()).isEmpty();
    } finally {
      env.close();
    }
  }

  /**
   * Images that ask for a slot at the same instant tie: which of them the budget takes first turns
   * on milliseconds (whose gathering ends first), which the plan cannot know. So per tie, the
   * dispatch times GitHub saw are the times the plan gave, in some order; since planned times lie
   * at least the budget's gathering apart, this is the plan's order up to ties.
   */
  private static void assertSameTimes(RebuildPreview plan, List<FleetGitHub.Dispatch> dispatches) {
    Map<Instant, List<PlannedRebuild>> ties = ties(plan);
    for (List<PlannedRebuild> tie : ties.values()) {
      Set<String> images = tie.stream().map(PlannedRebuild::image).collect(Collectors.toSet());
      List<Instant> plannedTimes = tie.stream().map(PlannedRebuild::dispatchedAt).sorted().toList();
      List<Instant> actualTimes =
          dispatches.stream()
              .filter(d -> images.contains(d.image()))
              .map(FleetGitHub.Dispatch::at)
              .sorted()
              .toList();
      assertThat(actualTimes).as("dispatches of %s", images).hasSameSizeAs(plannedTimes);
      for (int i = 0; i < plannedTimes.size(); i++) {
        assertThat(actualTimes.get(i))
            .as(
                "dispatch %d of %s, planned at %s; all: %s",
                i + 1, images, plannedTimes, actualTimes)
            .isBetween(plannedTimes.get(i).minus(TOLERANCE), plannedTimes.get(i).plus(TOLERANCE));
      }
    }
  }

  /** The images without a tie are dispatched in exactly the plan's order. */
  private static void assertSameOrder(RebuildPreview plan, List<FleetGitHub.Dispatch> dispatches) {
    Set<String> alone = new HashSet<>();
    ties(plan).values().stream()
        .filter(t -> t.size() == 1)
        .forEach(t -> alone.add(t.get(0).image()));
    List<String> planned =
        plan.rebuilds().stream()
            .filter(r -> alone.contains(r.image()))
            .map(PlannedRebuild::image)
            .toList();
    List<String> actual =
        dispatches.stream()
            .sorted(java.util.Comparator.comparing(FleetGitHub.Dispatch::at))
            .map(FleetGitHub.Dispatch::image)
            .filter(alone::contains)
            .toList();
    assertThat(planned).hasSizeGreaterThan(2);
    assertThat(actual).isEqualTo(planned);
  }

  /** The dispatched rebuilds by the instant they ask for a slot: maturity or window opening. */
  private static Map<Instant, List<PlannedRebuild>> ties(RebuildPreview plan) {
    Map<Instant, List<PlannedRebuild>> ties = new TreeMap<>();
    plan.rebuilds().stream()
        .filter(r -> r.dispatchedAt() != null)
        .forEach(
            r ->
                ties.computeIfAbsent(
                        r.windowOpensAt() != null ? r.windowOpensAt() : r.eligibleAt(),
                        at -> new ArrayList<>())
                    .add(r));
    return ties;
  }

  private static void startFleet(WorkflowClient client, StateSnapshot state, FleetGitHub github) {
    RebuildBudgetWorkflow budget =
        client.newWorkflowStub(
            RebuildBudgetWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.REBUILD_BUDGET)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    WorkflowClient.start(budget::run, BudgetSetup.initial());
    for (ImageSetup setup : EntitySetups.of(state).images()) {
      ImageWorkflow image =
          client.newWorkflowStub(
              ImageWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(WorkflowIds.image(setup.config().name()))
                  .setTaskQueue(TaskQueues.MAIN)
                  .build());
      WorkflowClient.start(image::run, setup);
      if (setup.config().target() != null) {
        github.image(setup.config().target().repo(), setup.config().target().workflow());
      }
    }
  }

  private static void startWorker(
      TestWorkflowEnvironment env, WorkflowClient client, FleetGitHub github) {
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class, StateRepoWorkflowImpl.class, RebuildBudgetWorkflowImpl.class);
    GitHubCiProvider provider =
        new GitHubCiProvider(
            new GitHubApi(github.baseUrl()),
            repo -> "ghp_fleet",
            text -> Optional.empty(),
            new ServerClock(env));
    worker.registerActivitiesImplementations(
        new RebuildActivitiesImpl(List.of(provider), null),
        new RebuildBudgetActivitiesImpl(client, WhatIfFleet.LIMITS),
        new StateRepoClientActivitiesImpl(client),
        new BudgetFleet.AcceptingStateRepo(),
        new BudgetFleet.NoEnrollment());
    env.start();
  }

  private static Instant now(TestWorkflowEnvironment env) {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private static ImageWorkflow image(WorkflowClient client, String name) {
    return client.newWorkflowStub(ImageWorkflow.class, WorkflowIds.image(name));
  }

  private static RebuildBudgetWorkflow budget(WorkflowClient client) {
    return client.newWorkflowStub(RebuildBudgetWorkflow.class, WorkflowIds.REBUILD_BUDGET);
  }

  /** The test server's clock, for what the GitHub provider compares with run times. */
  private static final class ServerClock extends Clock {
    private final TestWorkflowEnvironment env;

    ServerClock(TestWorkflowEnvironment env) {
      this.env = env;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now(env);
    }
  }
}
