package io.imagefactory.bench.enrollment;

import io.imagefactory.PayloadCompression;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;

/**
 * Times whole enrollments against the real worker: for each fleet size it generates a fleet ({@link
 * GenerateEnrollmentRepos}, 10 source repositories), starts the worker jar as its own process on
 * the embedded Temporal server, runs an enrollment from empty and then an unchanged one, and prints
 * one row per run: wall time, source fetches (the worker's {@code
 * image_factory_source_fetches_total}), state commits, live heap after a full GC and RSS.
 *
 * <pre>
 * mvn -B -ntp -q -DskipTests package
 * java -cp bench/target/benchmarks.jar io.imagefactory.bench.enrollment.EnrollmentBenchmark \
 *   [--sizes 100,1000,5000] [--worker-jar worker/target/image-factory-worker.jar] \
 *   [--dir /tmp/enrollment-bench] [--seed 42] [--repeat 1] \
 *   [--worker-opts "-XX:StartFlightRecording=..."]
 * </pre>
 */
public final class EnrollmentBenchmark {

  private static final int REPOS = 10;
  private static final Duration ENROLLMENT_TIMEOUT = Duration.ofMinutes(20);
  private static final Duration FAN_OUT_TIMEOUT = Duration.ofMinutes(5);

  /** The base every fifth generated image is built on, so a 5,000-image fleet gives it 1,000+. */
  static final String POPULAR_BASE = "node-22-bookworm-slim";

  private EnrollmentBenchmark() {}

  /** What to run. */
  public record Options(
      List<Integer> sizes, Path jar, Path root, long seed, int repeat, List<String> workerOpts) {

    public static Options parse(String[] args) {
      List<Integer> sizes = List.of(100, 1000, 5000);
      Path jar = Path.of("worker/target/image-factory-worker.jar");
      Path root = Path.of("/tmp/enrollment-bench");
      long seed = 42;
      int repeat = 1;
      List<String> workerOpts = new ArrayList<>();
      for (int i = 0; i < args.length; i += 2) {
        String value = args[i + 1];
        switch (args[i]) {
          case "--sizes" -> sizes = Stream.of(value.split(",")).map(Integer::parseInt).toList();
          case "--worker-jar" -> jar = Path.of(value);
          case "--dir" -> root = Path.of(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--worker-opts" -> workerOpts.addAll(List.of(value.trim().split("\\s+")));
          case "--repeat" -> repeat = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(sizes, jar, root, seed, repeat, workerOpts);
    }
  }

  /**
   * One run against the worker: an enrollment ({@code empty}, {@code unchanged}) or the fan-out of
   * a new digest of {@link #POPULAR_BASE} until every dependent's state file holds the candidate
   * ({@code fan-out}, with {@code dependents}). Fetches are -1 where not measured.
   */
  public record Row(
      int images,
      String run,
      int dependents,
      double wallSeconds,
      long fetches,
      int commits,
      double heapMiB,
      double rssMiB,
      double peakMiB,
      String load) {

    static final String HEADER =
        String.format(
            Locale.ROOT,
            "%-6s %-15s %9s %8s %8s %10s %9s %10s %6s",
            "images",
            "run",
            "wall s",
            "fetches",
            "commits",
            "heap MiB",
            "RSS MiB",
            "peak MiB",
            "load");

    String line() {
      return String.format(
          Locale.ROOT,
          "%-6d %-15s %9.2f %8s %8d %10.0f %9.0f %10.0f %6s",
          images,
          dependents > 0 ? run + " " + dependents : run,
          wallSeconds,
          fetches < 0 ? "n/a" : String.valueOf(fetches),
          commits,
          heapMiB,
          rssMiB,
          peakMiB,
          load);
    }
  }

  public static void main(String[] args) throws Exception {
    List<Row> rows = run(Options.parse(args));
    System.out.println();
    System.out.println(Row.HEADER);
    rows.forEach(r -> System.out.println(r.line()));
  }

  /**
   * For each size (repeated {@code repeat} times, each on a fresh fleet and worker: on a shared
   * machine read the best of each) an enrollment from empty, an unchanged one, and a fan-out.
   */
  public static List<Row> run(Options options) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<Integer> runs = new ArrayList<>();
    for (int round = 0; round < options.repeat(); round++) {
      runs.addAll(options.sizes());
    }
    for (int images : runs) {
      Path dir = options.root().toAbsolutePath().resolve(String.valueOf(images));
      delete(dir);
      GenerateEnrollmentRepos.Fleet fleet =
          GenerateEnrollmentRepos.generate(dir, images, REPOS, options.seed());
      try (WorkerProcess worker =
          WorkerProcess.start(
              options.jar().toAbsolutePath(), fleet.stateRepo(), dir, options.workerOpts())) {
        WorkflowServiceStubs service =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(worker.temporalTarget())
                    .build());
        try {
          WorkflowClient client =
              WorkflowClient.newInstance(
                  service,
                  WorkflowClientOptions.newBuilder()
                      .setDataConverter(PayloadCompression.dataConverter())
                      .build());
          for (String run : List.of("empty", "unchanged")) {
            worker.awaitIdle();
            rows.add(measure(client, worker, fleet.stateRepo(), images, run));
            System.out.println(rows.get(rows.size() - 1).line());
          }
          worker.awaitIdle();
          rows.add(fanOut(worker, fleet.stateRepo(), images));
          System.out.println(rows.get(rows.size() - 1).line());
        } finally {
          service.shutdownNow();
        }
      }
    }
    return rows;
  }

  private static Row measure(
      WorkflowClient client, WorkerProcess worker, Path stateRepo, int images, String run)
      throws Exception {
    double fetchesBefore = worker.metric("image_factory_source_fetches_total");
    int commitsBefore = commits(stateRepo);
    long start = System.nanoTime();
    EnrollmentResult result = enroll(client);
    double wall = (System.nanoTime() - start) / 1e9;
    double fetches = worker.metric("image_factory_source_fetches_total") - fetchesBefore;
    int commits = commits(stateRepo) - commitsBefore;
    if (!result.errors().isEmpty()) {
      System.err.println("enrollment errors: " + result.errors());
    }
    WorkerProcess.Memory memory = worker.memory();
    return new Row(
        images,
        run,
        0,
        wall,
        Double.isNaN(fetches) ? -1 : (long) fetches,
        commits,
        memory.liveHeapMiB(),
        memory.rssMiB(),
        memory.peakRssMiB(),
        loadAverage());
  }

  /**
   * Kargo reports a baseline and then a new digest of the popular base through the webhook; the row
   * times the new digest until every dependent's state file holds it as a candidate.
   */
  private static Row fanOut(WorkerProcess worker, Path stateRepo, int images) throws Exception {
    StateRepoReader state = new StateRepoReader(stateRepo);
    StateRepoReader.Base base = state.base(POPULAR_BASE);
    String baseline = "sha256:" + "1".repeat(64);
    String fresh = "sha256:" + "2".repeat(64);
    worker.imageEvent(base.repoURL(), base.tag(), baseline);
    state.await(FAN_OUT_TIMEOUT, () -> baseline.equals(state.base(POPULAR_BASE).currentDigest()));
    worker.awaitIdle();
    int commitsBefore = commits(stateRepo);
    long start = System.nanoTime();
    worker.imageEvent(base.repoURL(), base.tag(), fresh);
    boolean done =
        state.await(
            FAN_OUT_TIMEOUT, () -> state.imagesMentioning(fresh) >= base.dependents().size());
    double wall = done ? (System.nanoTime() - start) / 1e9 : -1;
    int commits = commits(stateRepo) - commitsBefore;
    WorkerProcess.Memory memory = worker.memory();
    return new Row(
        images,
        "fan-out",
        base.dependents().size(),
        wall,
        -1,
        commits,
        memory.liveHeapMiB(),
        memory.rssMiB(),
        memory.peakRssMiB(),
        loadAverage());
  }

  /** The machine's load over the last minute: how much others competed for the cores. */
  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static EnrollmentResult enroll(WorkflowClient client) throws TimeoutException {
    EnrollmentWorkflow workflow =
        client.newWorkflowStub(
            EnrollmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.ENROLLMENT)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    WorkflowClient.start(workflow::run, EnrollmentRequest.of("bench"));
    return WorkflowStub.fromTyped(workflow)
        .getResult(ENROLLMENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS, EnrollmentResult.class);
  }

  private static int commits(Path repo) throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      int count = 0;
      for (var ignored : git.log().call()) {
        count++;
      }
      return count;
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
