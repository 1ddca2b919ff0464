package io.imagefactory.bench;

import io.imagefactory.bench.enrollment.AnalyzerThroughput;
import io.imagefactory.bench.enrollment.EnrollmentBenchmark;
import io.imagefactory.bench.kargo.CommitRenderTiming;
import io.imagefactory.bench.staterepo.FanOutBench;
import io.imagefactory.kargo.GeneratedState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one command behind the README's Performance table. It runs, one after another: the enrollment
 * of generated fleets against the worker jar (from empty, unchanged, and the fan-out of a new
 * digest of the fleet's popular base, with the worker's heap and RSS after each); the fan-out of a
 * base with 1,000 dependents through maturity to every rebuild recorded (real workflows and
 * activities on the in-process test server); the worker's re-render in commits touching one image
 * of 10,000; the whole {@code render} command on 10,000 images and on 10; {@code analyze} of a
 * one-line Dockerfile; and the analyzer's Dockerfiles per CPU second. It prints one Markdown table.
 *
 * <pre>
 * mvn -B -ntp -q -DskipTests package
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.FleetBenchmark \
 *   [--sizes 100,1000,5000] [--repeat 1] [--worker-opts "-XX:MaxRAM=2g"] [--seed 42]
 * </pre>
 *
 * Run it from the repository root: it starts {@code worker/target/image-factory-worker.jar} and
 * {@code starter/image-factory}.
 */
public final class FleetBenchmark {

  private static final Path CLI = Path.of("starter/image-factory");

  private FleetBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> table = new ArrayList<>();
    table.add("| measure | images | wall | commits | fetches | heap | RSS | peak RSS | also |");
    table.add("|---|---|---|---|---|---|---|---|---|");

    for (EnrollmentBenchmark.Row row :
        EnrollmentBenchmark.run(EnrollmentBenchmark.Options.parse(args))) {
      String measure =
          row.dependents() > 0
              ? "worker: fan-out to " + row.dependents() + " (candidates in git)"
              : "worker: enrollment " + (row.run().equals("empty") ? "from empty" : "unchanged");
      table.add(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %d | %s | %.0f MiB | %.0f MiB | %.0f MiB | load %s |",
              measure,
              row.images(),
              seconds(row.wallSeconds()),
              row.commits(),
              row.fetches() < 0 ? "–" : String.valueOf(row.fetches()),
              row.heapMiB(),
              row.rssMiB(),
              row.peakMiB(),
              row.load()));
    }

    FanOutBench.Result fanOut = FanOutBench.run(1_000, "1m", Duration.ofMinutes(5));
    table.add(
        String.format(
            Locale.ROOT,
            "| fan-out to %,d: candidates recorded | %,d | %s | %d | – | – | – | – | |",
            fanOut.dependents(),
            fanOut.dependents(),
            seconds(fanOut.candidatesSeconds()),
            fanOut.candidateCommits()));
    table.add(
        String.format(
            Locale.ROOT,
            "| fan-out to %,d: rebuilds after maturity | %,d | %s | %d | – | – | – | – |"
                + " dispatched in %s; %d image(s) rebuilt twice |",
            fanOut.dependents(),
            fanOut.dependents(),
            seconds(fanOut.recordedSeconds()),
            fanOut.rebuildCommits(),
            seconds(fanOut.dispatchedSeconds()),
            fanOut.duplicates()));

    Path work = Files.createTempDirectory("fleet-bench");
    for (int images : List.of(10_000, 10)) {
      Path state = work.resolve("state-" + images);
      GeneratedState.of(images).writeTo(state);
      CommandTiming.Timed render =
          CommandTiming.best(3, CLI.toString(), "render", "--state-dir", state.toString());
      table.add(command("`render`, whole command", images, render));
    }
    CommitRenderTiming.Result commits = CommitRenderTiming.run(10_000, 20);
    table.add(
        String.format(
            Locale.ROOT,
            "| worker: commit touching one image, re-render | 10,000 | %.1f ms | – | – | – | – | – |"
                + " whole commit %.1f ms |",
            commits.touchRenderMillis(),
            commits.touchCommitMillis()));
    table.add(
        String.format(
            Locale.ROOT,
            "| worker: commit recording a rebuild (one Backstage entity), re-render | 10,000 | %.1f ms"
                + " | – | – | – | – | – | whole commit %.1f ms |",
            commits.rebuildRenderMillis(),
            commits.rebuildCommitMillis()));
    table.add(
        String.format(
            Locale.ROOT,
            "| worker: commit adding a Warehouse, re-render | 10,000 | %.1f ms | – | – | – | – | – |"
                + " whole commit %.1f ms |",
            commits.enrollRenderMillis(),
            commits.enrollCommitMillis()));
    Path dockerfile = Files.writeString(work.resolve("Dockerfile"), "FROM node:22-bookworm-slim\n");
    table.add(
        command(
            "`analyze`, whole command",
            1,
            CommandTiming.best(5, CLI.toString(), "analyze", dockerfile.toString())));

    double perSecond = AnalyzerThroughput.perCpuSecond(42);
    table.add(
        String.format(
            Locale.ROOT,
            "| analyzer, one core | – | – | – | – | – | – | – | %,.0f Dockerfiles per CPU second |",
            perSecond));

    System.out.println();
    table.forEach(System.out::println);
  }

  private static String command(String measure, int images, CommandTiming.Timed timed) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %s | – | – | – | – | %.0f MiB | |",
        measure,
        images,
        seconds(timed.wallSeconds()),
        timed.peakMiB());
  }

  private static String seconds(double seconds) {
    return seconds < 0 ? "stalled" : String.format(Locale.ROOT, "%.2f s", seconds);
  }
}
