package io.imagefactory.bench.enrollment;

import io.imagefactory.PayloadCompression;
import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.enrollment.EnrollmentRequest;
import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.EnrollmentWorkflow;
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
 * Times whole enrollments against the real worker: for each fleet size it generates a fleet
 * ({@link GenerateEnrollmentRepos}, 10 source repositories), starts the worker jar as its own
 * process on the embedded Temporal server, runs an enrollment from empty and then an unchanged
 * one, and prints one row per run: wall time, source fetches (the worker's {@code
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

  private EnrollmentBenchmark() {}

  public static void main(String[] args) throws Exception {
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
    List<String> rows = new ArrayList<>();
    rows.add(String.format(
        Locale.ROOT, "%-6s %-9s %9s %8s %8s %10s %9s %10s %6s", "images", "run", "wall s",
        "fetches", "commits", "heap MiB", "RSS MiB", "peak MiB", "load"));
    // On a shared machine a run can be slowed by others: repeat, and read the best of each.
    List<Integer> runs = new ArrayList<>();
    for (int round = 0; round < repeat; round++) {
      runs.addAll(sizes);
    }
    for (int images : runs) {
      Path dir = root.toAbsolutePath().resolve(String.valueOf(images));
      delete(dir);
      GenerateEnrollmentRepos.Fleet fleet =
          GenerateEnrollmentRepos.generate(dir, images, REPOS, seed);
      try (WorkerProcess worker = WorkerProcess.start(jar.toAbsolutePath(), fleet.stateRepo(), dir, workerOpts)) {
        WorkflowServiceStubs service =
            WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(worker.temporalTarget()).build());
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
            System.out.println(rows.get(rows.size() - 1));
          }
        } finally {
          service.shutdownNow();
        }
      }
    }
    System.out.println();
    rows.forEach(System.out::println);
  }

  private static String measure(
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
    return String.format(
        Locale.ROOT, "%-6d %-9s %9.2f %8s %8d %10.0f %9.0f %10.0f %6s", images, run, wall,
        Double.isNaN(fetches) ? "n/a" : String.valueOf((long) fetches), commits,
        memory.liveHeapMiB(), memory.rssMiB(), memory.peakRssMiB(), loadAverage());
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
        .getResult(ENROLLMENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS,
            EnrollmentResult.class);
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
