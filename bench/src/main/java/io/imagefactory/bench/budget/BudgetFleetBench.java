package io.imagefactory.bench.budget;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.rebuild.BudgetFleet;
import io.imagefactory.rebuild.FleetGitHub;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The 1,000-image run of the rebuild budget: 1,000 dependents in 10 repositories take one new base
 * digest, five runs per repository, fifty per host, 300 dispatches an hour, ten-minute runs, on a
 * time-skipping server and a local GitHub. Prints the dispatch timeline (dispatches per minute,
 * runs in flight) and what GitHub saw at its worst.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.imagefactory.bench.budget.BudgetFleetBench
 * [images] [repos]} after {@code mvn -o -q package -pl bench -am -DskipTests}.
 */
public final class BudgetFleetBench {

  private BudgetFleetBench() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int repos = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    BudgetLimits limits = new BudgetLimits(5, 50, 300, Map.of(), Map.of(), null);
    long started = System.nanoTime();
    try (BudgetFleet fleet = new BudgetFleet(images, repos, limits, Duration.ofMinutes(10))) {
      fleet.enroll();
      fleet.sleep(Duration.between(BudgetFleet.START, BudgetFleet.OPENING));
      for (int hour = 0; hour < 24 && fleet.github().dispatches().size() < images; hour++) {
        fleet.sleep(Duration.ofHours(1));
        System.out.printf(
            "%s  dispatched %d  budget: %s  (%.0f s real)%n",
            fleet.now(),
            fleet.github().dispatches().size(),
            fleet.budget().status().details(),
            (System.nanoTime() - started) / 1e9);
      }
      fleet.sleep(Duration.ofMinutes(15));
      report(fleet, images, (System.nanoTime() - started) / 1e9);
    }
  }

  private static void report(BudgetFleet fleet, int images, double seconds) {
    var dispatches = fleet.github().dispatches();
    Map<String, Long> perImage =
        dispatches.stream()
            .collect(Collectors.groupingBy(FleetGitHub.Dispatch::image, Collectors.counting()));
    int maxPerRepo = 0;
    int maxPerHour = 0;
    for (FleetGitHub.Dispatch d : dispatches) {
      int running = 0;
      int hour = 0;
      for (FleetGitHub.Dispatch o : dispatches) {
        if (o.repo().equals(d.repo()) && !o.at().isAfter(d.at()) && o.ends().isAfter(d.at())) {
          running++;
        }
        if (!o.at().isAfter(d.at()) && o.at().isAfter(d.at().minus(Duration.ofHours(1)))) {
          hour++;
        }
      }
      maxPerRepo = Math.max(maxPerRepo, running);
      maxPerHour = Math.max(maxPerHour, hour);
    }
    System.out.printf(
        "%n%d images, %d dispatches, %d images dispatched, max %d per image%n",
        images,
        dispatches.size(),
        perImage.size(),
        perImage.values().stream().mapToLong(Long::longValue).max().orElse(0));
    System.out.printf(
        "GitHub saw at most %d runs of one repository at once and %d dispatches in one hour%n",
        maxPerRepo, maxPerHour);
    System.out.printf("real time %.0f s%n%n", seconds);
    System.out.println(
        "minutes after opening: dispatches in the minute / runs in flight (every 10 min)");
    Map<Long, int[]> timeline = fleet.timeline();
    Map<Long, int[]> tens = new TreeMap<>();
    timeline.forEach(
        (minute, counts) -> {
          int[] bucket = tens.computeIfAbsent(minute / 10 * 10, k -> new int[] {0, 0});
          bucket[0] += counts[0];
          bucket[1] = Math.max(bucket[1], counts[1]);
        });
    tens.forEach(
        (minute, counts) ->
            System.out.printf(
                "  +%3d min  dispatched %3d  in flight (max) %3d%n", minute, counts[0], counts[1]));
    System.out.println("per minute (dispatches/in flight):");
    StringBuilder line = new StringBuilder();
    timeline.forEach(
        (minute, counts) -> {
          line.append(counts[0]).append('/').append(counts[1]).append(' ');
          if (minute % 20 == 19) {
            System.out.println("  " + line);
            line.setLength(0);
          }
        });
    if (line.length() > 0) {
      System.out.println("  " + line);
    }
  }
}
