package io.imagefactory.worker.crash;

import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.PayloadCompression;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Temporal test server ({@link TestServer#main}) as a process of its own on a free port, so a
 * killed worker leaves it and everything it holds running. Time runs with the wall clock until
 * {@link #skip} moves it ahead; a client and the time-skipping stubs talk to it by port.
 */
final class TemporalServerProcess implements AutoCloseable {

  private final Process process;
  private final String target;
  private final WorkflowServiceStubs service;
  private final TestServiceStubs time;
  private final WorkflowClient client;

  private TemporalServerProcess(Process process, String target) {
    this.process = process;
    this.target = target;
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    time =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder()
                .setTarget(target)
                // Real time passes during a skip whenever a task is outstanding.
                .setRpcTimeout(Duration.ofMinutes(2))
                .validateAndBuildWithDefaults());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace("default")
                .setDataConverter(PayloadCompression.dataConverter())
                .build());
  }

  static TemporalServerProcess start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    int port = WorkerProcess.freePort();
    List<String> command =
        new ArrayList<>(WorkerProcess.java(Files.createDirectories(dir.resolve("home"))));
    // Without --enable-time-skipping: time is locked, as on a real server, until skip() moves it.
    command.add(TestServer.class.getName());
    command.add(String.valueOf(port));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(WorkerProcess.nextLog(dir, "temporal").toFile());
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!listening(port)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the Temporal test server did not start on port " + port);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return new TemporalServerProcess(process, "127.0.0.1:" + port);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String target() {
    return target;
  }

  WorkflowClient client() {
    return client;
  }

  WorkflowServiceStubs service() {
    return service;
  }

  /** The server's clock. */
  Instant now() {
    var timestamp =
        retriedWhileUnavailable(
            () -> time.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime());
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /**
   * A channel whose connection was dropped (a subchannel replaced after a killed worker closed its
   * sockets) answers UNAVAILABLE before a call reaches the server, so the call is safe to repeat.
   */
  private static <T> T retriedWhileUnavailable(Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == 5) {
          throw e;
        }
      }
    }
  }

  /**
   * Moves the server's clock ahead by {@code duration}, firing every timer on the way; time stands
   * still while a workflow task or an activity is outstanding, so this returns once the work due on
   * the way has been handed out.
   */
  void skip(Duration duration) {
    Instant until = now().plus(duration);
    // A repeated call sleeps only what is still owed, so a retried skip never overshoots.
    retriedWhileUnavailable(
        () -> {
          Duration left = Duration.between(now(), until);
          if (left.isNegative() || left.isZero()) {
            return null;
          }
          return time.blockingStub()
              .unlockTimeSkippingWithSleep(
                  SleepRequest.newBuilder()
                      .setDuration(
                          com.google.protobuf.Duration.newBuilder()
                              .setSeconds(left.getSeconds())
                              .setNanos(left.getNano()))
                      .build());
        });
  }

  @Override
  public void close() throws InterruptedException {
    time.shutdownNow();
    service.shutdownNow();
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
