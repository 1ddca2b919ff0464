package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetStatus;
import io.imagefactory.statefiles.RebuildEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A fleet that takes one new base digest at once, paced by the rebuild budget against a local
 * GitHub, GitHub never sees more runs of a repository at once or more dispatches in an hour than
 * configured, every image is built exactly once, each repository's images go oldest eligibility
 * first, and a base's run ends before the image built on it is dispatched. The budget and the
 * images continue as new many times on the way, so the queue, the slots and the tickets are
 * carried, not kept in a worker's memory. The 1,000-image version of this run is {@code bench}'s
 * {@code BudgetFleetBench}.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RebuildBudgetFleetTest {

  static final int IMAGES = 200;
  static final int REPOS = 4;
  static final int PER_REPO = 5;
  static final int PER_HOUR = 60;

  @Test
  void theBudgetPacesAFleetAndContinueAsNewLosesAndRepeatsNothing() throws Exception {
    BudgetLimits limits = new BudgetLimits(PER_REPO, 50, PER_HOUR, Map.of(), Map.of(), null);
    try (BudgetFleet fleet = new BudgetFleet(IMAGES, REPOS, limits, Duration.ofMinutes(10))) {
      fleet.enroll();
      fleet.sleep(Duration.between(BudgetFleet.START, BudgetFleet.OPENING).plusMinutes(90));
      int before = fleet.github().dispatches().size();
      assertThat(before).isBetween(PER_HOUR, IMAGES - 1);
      BudgetStatus midway = fleet.budget().status();
      assertThat(midway.queuedPerHost().get("github.com")).isPositive();

      for (int hours = 0; hours < 12 && fleet.github().dispatches().size() < IMAGES; hours++) {
        fleet.sleep(Duration.ofHours(1));
      }
      fleet.sleep(Duration.ofMinutes(15));

      List<FleetGitHub.Dispatch> dispatches = fleet.github().dispatches();
      assertEveryImageBuiltOnce(fleet, dispatches);
      assertWithinLimits(dispatches);
      assertOrder(dispatches);
      BudgetStatus after = fleet.budget().status();
      assertThat(after.queuedPerHost()).isEmpty();
      assertThat(after.runningPerHost()).isEmpty();
    }
  }

  private static void assertEveryImageBuiltOnce(
      BudgetFleet fleet, List<FleetGitHub.Dispatch> dispatches) {
    Map<String, Long> perImage =
        dispatches.stream()
            .collect(Collectors.groupingBy(FleetGitHub.Dispatch::image, Collectors.counting()));
    assertThat(perImage).hasSize(IMAGES);
    assertThat(perImage.values()).allMatch(n -> n == 1);
    for (int i = 0; i < IMAGES; i++) {
      RebuildEntry last = fleet.imageWorkflow(i).status().runtime().lastRebuild();
      assertThat(last.outcome()).as(BudgetFleet.image(i)).isEqualTo(RebuildEntry.SUCCEEDED);
    }
  }

  private static void assertWithinLimits(List<FleetGitHub.Dispatch> dispatches) {
    for (FleetGitHub.Dispatch d : dispatches) {
      long running =
          dispatches.stream()
              .filter(o -> o.repo().equals(d.repo()))
              .filter(o -> !o.at().isAfter(d.at()) && o.ends().isAfter(d.at()))
              .count();
      assertThat(running)
          .as("runs of %s in flight at %s", d.repo(), d.at())
          .isLessThanOrEqualTo(PER_REPO);
      long lastHour =
          dispatches.stream()
              .filter(
                  o -> !o.at().isAfter(d.at()) && o.at().isAfter(d.at().minus(Duration.ofHours(1))))
              .count();
      assertThat(lastHour).as("dispatches in the hour to %s", d.at()).isLessThanOrEqualTo(PER_HOUR);
    }
  }

  /**
   * Per repository, once the first slots are taken, images that wait for no base go in eligibility
   * order; an image built on another goes only after its base's run ended.
   */
  private static void assertOrder(List<FleetGitHub.Dispatch> dispatches) {
    Map<String, FleetGitHub.Dispatch> byImage =
        dispatches.stream()
            .collect(Collectors.toMap(FleetGitHub.Dispatch::image, Function.identity()));
    Map<String, List<FleetGitHub.Dispatch>> perRepo = new HashMap<>();
    dispatches.stream()
        .sorted(Comparator.comparing(FleetGitHub.Dispatch::at))
        .forEach(d -> perRepo.computeIfAbsent(d.repo(), r -> new ArrayList<>()).add(d));
    for (List<FleetGitHub.Dispatch> order : perRepo.values()) {
      // The first slots go to whichever tickets reach the budget first at the opening; from then
      // on the whole fleet is queued. Slots granted in one pass reach GitHub in any order.
      List<FleetGitHub.Dispatch> queued =
          order.subList(PER_REPO, order.size()).stream()
              .filter(d -> !BudgetFleet.isDependent(index(d.image())))
              .toList();
      for (int a = 0; a < queued.size(); a++) {
        for (int b = a + 1; b < queued.size(); b++) {
          FleetGitHub.Dispatch first = queued.get(a);
          FleetGitHub.Dispatch later = queued.get(b);
          if (Duration.between(first.at(), later.at()).compareTo(Duration.ofSeconds(5)) > 0) {
            assertThat(BudgetFleet.seenAt(index(first.image())))
                .as("%s went before %s", first.image(), later.image())
                .isBeforeOrEqualTo(BudgetFleet.seenAt(index(later.image())));
          }
        }
      }
    }
    for (int i = 0; i < IMAGES; i++) {
      if (BudgetFleet.isDependent(i)) {
        FleetGitHub.Dispatch base = byImage.get(BudgetFleet.image(i - 1));
        assertThat(byImage.get(BudgetFleet.image(i)).at())
            .as("%s goes after its base's run", BudgetFleet.image(i))
            .isAfterOrEqualTo(base.ends());
      }
    }
  }

  private static int index(String image) {
    return Integer.parseInt(image.substring(image.indexOf('-') + 1));
  }
}
