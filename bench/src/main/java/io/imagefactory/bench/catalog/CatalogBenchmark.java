package io.imagefactory.bench.catalog;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.enrollment.plan.EnrollmentPlanner;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to validate a generated {@code images.yaml} of {@code images} entries, to plan their first
 * enrollment (every state file created), and to re-plan the unchanged repository (no change). Each
 * image is built on three of {@code images / 5} distinct bases. Run with {@code java -jar
 * bench/target/benchmarks.jar CatalogBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CatalogBenchmark {

  private static final Instant NOW = Instant.parse("2024-12-04T10:00:00Z");

  @Param({"100", "1000"})
  public int images;

  private final CatalogLoader loader = new CatalogLoader();
  private final EnrollmentPlanner planner = new EnrollmentPlanner();
  private byte[] catalogYaml;
  private Catalog catalog;
  private Map<String, AnalysisOutcome> outcomes;
  private StateSnapshot enrolled;

  @Setup
  public void generate() throws CatalogException {
    StringBuilder yaml = new StringBuilder("images:\n");
    outcomes = new HashMap<>();
    int bases = Math.max(1, images / 5);
    for (int i = 0; i < images; i++) {
      yaml.append("  - name: app-")
          .append(i)
          .append("\n    registry: ghcr.io\n    repository: example-org/app-")
          .append(i)
          .append("\n    source:\n      repo: example-org/monorepo\n      dockerfile: apps/")
          .append(i)
          .append("/Dockerfile\n      workflow: build.yml\n      buildArgs: {VERSION: \"1.")
          .append(i)
          .append("\"}\n    rebuildDelay: 7d\n");
      outcomes.put(
          "app-" + i,
          AnalysisOutcome.success(
              new DockerfileAnalysis(
                  List.of(base(i % bases), base((i * 7 + 1) % bases), base((i * 13 + 2) % bases)),
                  List.of())));
    }
    catalogYaml = yaml.toString().getBytes(StandardCharsets.UTF_8);
    catalog = loader.parse("images.yaml", catalogYaml);
    EnrollmentPlan first = planner.plan(catalog, StateSnapshot.empty(), outcomes, NOW);
    enrolled = new StateSnapshotReader().apply(StateSnapshot.empty(), first.changes());
  }

  @Benchmark
  public Catalog validateCatalog() throws CatalogException {
    return loader.parse("images.yaml", catalogYaml);
  }

  @Benchmark
  public EnrollmentPlan planFirstEnrollment() {
    return planner.plan(catalog, StateSnapshot.empty(), outcomes, NOW);
  }

  @Benchmark
  public EnrollmentPlan replanUnchanged() {
    EnrollmentPlan plan = planner.plan(catalog, enrolled, outcomes, NOW.plusSeconds(3600));
    if (!plan.isEmpty()) {
      throw new IllegalStateException("an unchanged repository must give an empty plan");
    }
    return plan;
  }

  private static BaseImageReference base(int n) {
    return new BaseImageReference(
        "docker.io/library/base" + n + ":1." + n,
        "base" + n + "-1-" + n,
        "docker.io",
        "library/base" + n,
        "1." + n,
        null,
        "FROM",
        1,
        "0",
        false);
  }
}
