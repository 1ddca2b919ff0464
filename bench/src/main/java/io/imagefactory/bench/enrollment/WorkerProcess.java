package io.imagefactory.bench.enrollment;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The worker jar as its own process, as a user starts it: embedded Temporal server, the given state
 * repository, local source repositories allowed, free ports, its log in {@code worker.log}. Started
 * from its own directory, so nothing it leaves in the working directory is shared with another run.
 */
final class WorkerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
  private static final String WEBHOOK_TOKEN = "bench-webhook-token";

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final int temporalPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private WorkerProcess(Process process, Path log, int httpPort, int temporalPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.temporalPort = temporalPort;
  }

  static WorkerProcess start(Path jar, Path stateRepo, Path dir, List<String> jvmOptions)
      throws IOException, InterruptedException {
    Path work = Files.createDirectories(dir.resolve("work"));
    int httpPort = freePort();
    int temporalPort = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("IMAGE_FACTORY_STATE_REPO_URL", stateRepo.toString());
    builder.environment().put("IMAGE_FACTORY_SOURCES_ALLOW_LOCAL", "true");
    builder.environment().put("IMAGE_FACTORY_EMBEDDED_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("IMAGE_FACTORY_EMBEDDED_PORT", String.valueOf(temporalPort));
    builder.environment().put("SERVER_PORT", String.valueOf(httpPort));
    builder.environment().put("IMAGE_FACTORY_WEBHOOK_TOKEN", WEBHOOK_TOKEN);
    Path log = dir.resolve("worker.log");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    WorkerProcess worker = new WorkerProcess(builder.start(), log, httpPort, temporalPort);
    worker.awaitReady();
    return worker;
  }

  String temporalTarget() {
    return "127.0.0.1:" + temporalPort;
  }

  /** A counter from the worker's Prometheus endpoint, NaN when the worker has no such metric. */
  double metric(String name) throws IOException, InterruptedException {
    String body = get("/actuator/prometheus");
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})? (\\S+)$").matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  /**
   * Waits until the worker has been nearly idle (under 10% of one core) for a second, so a run does
   * not pay for the entity workflows the run before it started; at most a minute.
   */
  void awaitIdle() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    long ticks = cpuTicks();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = cpuTicks();
      // Clock ticks are 1/100 s on Linux: 10 ticks in a second is 10% of a core.
      if (now - ticks < 10) {
        return;
      }
      ticks = now;
    }
  }

  private long cpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** Live heap after a full GC, and resident memory now and at its peak, in MiB. */
  record Memory(double liveHeapMiB, double rssMiB, double peakRssMiB) {}

  Memory memory() throws IOException, InterruptedException {
    jcmd("GC.run");
    // With -XX:NativeMemoryTracking=summary among the worker options: where the RSS goes.
    String nmt = jcmd("VM.native_memory summary");
    if (nmt.contains("Total:")) {
      Files.writeString(log.resolveSibling("nmt-" + System.currentTimeMillis() + ".txt"), nmt);
    }
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    double heap = used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
    String status = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status"));
    return new Memory(
        heap, statusKiB(status, "VmRSS") / 1024.0, statusKiB(status, "VmHWM") / 1024.0);
  }

  private static long statusKiB(String status, String field) {
    Matcher m = Pattern.compile("(?m)^" + field + ":\\s+(\\d+) kB").matcher(status);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(jcmd.getInputStream().readAllBytes());
    jcmd.waitFor();
    return out;
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker exited with " + process.exitValue() + "; see worker.log");
      }
      try {
        if (get("/actuator/health").contains("\"UP\"")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the worker was not ready after " + READY_TIMEOUT);
  }

  /** Reports a digest of {@code repoURL:tag} as Kargo's webhook step does. */
  void imageEvent(String repoURL, String tag, String digest)
      throws IOException, InterruptedException {
    String body =
        "{\"repoURL\":\""
            + repoURL
            + "\",\"tag\":\""
            + tag
            + "\",\"digest\":\""
            + digest
            + "\",\"warehouse\":\"bench\",\"freight\":\"bench-"
            + digest.substring(7, 15)
            + "\"}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/events/image"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + WEBHOOK_TOKEN)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "image event answered " + response.statusCode() + ": " + response.body());
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
