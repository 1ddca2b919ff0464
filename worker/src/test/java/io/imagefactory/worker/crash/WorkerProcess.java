package io.imagefactory.worker.crash;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The worker as a process of its own ({@link CrashTestWorker} on the test JVM's classpath), with
 * its settings as command-line properties, its own HOME and its output in {@code worker-<n>.log}.
 * {@link #kill()} is {@code kill -9}: no shutdown hook, no graceful stop of the Temporal workers.
 */
final class WorkerProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final String token;

  private WorkerProcess(Process process, Path log, int httpPort, String token) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
    this.token = token;
  }

  /**
   * Starts a worker against {@code temporalTarget} (null: the embedded server) with {@code
   * settings} (property names without {@code --}) and {@code systemProperties} for the JVM, and
   * waits until it is ready.
   */
  static WorkerProcess start(
      Path dir,
      String temporalTarget,
      Map<String, String> settings,
      Map<String, String> systemProperties)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path home = Files.createDirectories(dir.resolve("home"));
    int httpPort = freePort();
    String token = settings.getOrDefault("image-factory.webhook.token", "crash-webhook-token");
    Map<String, String> all = new TreeMap<>();
    all.put("server.port", String.valueOf(httpPort));
    if (temporalTarget != null) {
      all.put("spring.temporal.connection.target", temporalTarget);
    }
    all.put("image-factory.webhook.token", token);
    all.put("image-factory.temporal.start-retry-max-interval", "2s");
    all.put("image-factory.embedded.data-dir", dir.resolve("data").toString());
    // Hourly drift checks would each run an activity inside every skipped day: a week's skip
    // would spend minutes of real time on them. The crash tests that want drift set it.
    all.put("image-factory.enrollment.drift-interval", "0");
    all.putAll(settings);
    List<String> command = new ArrayList<>(java(home));
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add(CrashTestWorker.class.getName());
    all.forEach((k, v) -> command.add("--" + k + "=" + v));
    Path log = nextLog(dir, "worker");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    isolate(builder, home);
    WorkerProcess worker = new WorkerProcess(builder.start(), log, httpPort, token);
    try {
      worker.awaitReady();
    } catch (IOException | InterruptedException | RuntimeException e) {
      worker.kill();
      throw e;
    }
    return worker;
  }

  /** {@code java} with the test JVM's classpath, a small heap and C1 only: starts fast. */
  static List<String> java(Path home) {
    return List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m",
        "-XX:TieredStopAtLevel=1",
        "-Duser.home=" + home,
        "-cp",
        System.getProperty("java.class.path"));
  }

  /** No HOME, system or XDG git configuration reaches the child. */
  static void isolate(ProcessBuilder builder, Path home) {
    builder.environment().put("HOME", home.toString());
    builder.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("IMAGE_FACTORY_") || k.startsWith("SPRING_"));
  }

  static Path nextLog(Path dir, String name) {
    for (int n = 1; ; n++) {
      Path log = dir.resolve(name + "-" + n + ".log");
      if (!Files.exists(log)) {
        return log;
      }
    }
  }

  /** Ends the process as {@code kill -9} does, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("worker " + process.pid() + " did not die");
    }
    keep(log);
  }

  /** Copies a log to {@code target/crash-logs}, which outlives the test's temporary directory. */
  static void keep(Path log) {
    try {
      Path kept = Files.createDirectories(Path.of("target", "crash-logs"));
      Files.copy(
          log,
          kept.resolve(System.currentTimeMillis() + "-" + log.getFileName()),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      // Only a diagnostic.
    }
  }

  /** Sends SIGTERM, as the kubelet does when a pod is deleted; returns at once. */
  void terminate() {
    process.destroy();
  }

  /** Waits for the process to end by itself (a fault-injection halt), at most {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("worker " + process.pid() + " still runs after " + timeout);
    }
    return process.exitValue();
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  String logText() throws IOException {
    return Files.readString(log);
  }

  /** POSTs {@code json} with the webhook token. */
  HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Reports a digest as Kargo's webhook step does; the answer must be 202. */
  void imageEvent(String repoURL, String tag, String digest)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        post(
            "/api/v1/events/image",
            "{\"repoURL\":\""
                + repoURL
                + "\",\"tag\":\""
                + tag
                + "\",\"digest\":\""
                + digest
                + "\"}");
    if (answer.statusCode() != 202) {
      throw new IllegalStateException(
          "image event answered " + answer.statusCode() + ": " + answer.body());
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the worker exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<String> health = get("/actuator/health/readiness");
        if (health.statusCode() == 200 && logText().contains("Temporal workers started")) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new IllegalStateException(
        "the worker was not ready after " + READY_TIMEOUT + ":\n" + tail());
  }

  private String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
