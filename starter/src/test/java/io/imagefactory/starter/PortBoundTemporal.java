package io.imagefactory.starter;

import com.google.protobuf.Empty;
import io.imagefactory.EntitySearchAttributes;
import io.imagefactory.PayloadCompression;
import io.imagefactory.TaskQueues;
import io.imagefactory.base.BaseImageWorkflowImpl;
import io.imagefactory.enrollment.EnrollmentWorkflowImpl;
import io.imagefactory.image.ImageWorkflowImpl;
import io.imagefactory.staterepo.StateRepoWorkflowImpl;
import io.temporal.api.testservice.v1.SleepRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.TestServiceStubs;
import io.temporal.serviceclient.TestServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testserver.TestServer;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

/**
 * A Temporal test server on a loopback port, so the CLI connects to it by target as it would to the
 * embedded worker's server, with every Image Factory workflow registered on a worker and the given
 * activities. Time stands still until {@link #skip} moves it.
 */
final class PortBoundTemporal implements AutoCloseable {

  final String target;
  final WorkflowClient client;

  private final TestServer.PortBoundTestServer server;
  private final TestWorkflowEnvironment env;
  private final TestServiceStubs time;

  PortBoundTemporal(Object... activities) {
    int port = freePort();
    target = "127.0.0.1:" + port;
    server = TestServer.createPortBoundServer(port, true);
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadCompression.dataConverter())
                        .build())
                .setUseExternalService(true)
                .setTarget(target)
                .build());
    EntitySearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(TaskQueues.MAIN);
    worker.registerWorkflowImplementationTypes(
        ImageWorkflowImpl.class,
        BaseImageWorkflowImpl.class,
        EnrollmentWorkflowImpl.class,
        StateRepoWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    client = env.getWorkflowClient();
    time =
        TestServiceStubs.newServiceStubs(
            TestServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
  }

  /** The server's clock, which runs with the wall clock until {@link #skip} moves it ahead. */
  Instant now() {
    var timestamp = time.blockingStub().getCurrentTime(Empty.getDefaultInstance()).getTime();
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  /** Moves the server's clock ahead, firing every timer on the way once workflows are idle. */
  void skip(Duration duration) {
    time.blockingStub()
        .unlockTimeSkippingWithSleep(
            SleepRequest.newBuilder()
                .setDuration(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(duration.getSeconds())
                        .setNanos(duration.getNano()))
                .build());
  }

  /** A loopback port nothing listens on: connections to it are refused. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    env.close();
    time.shutdownNow();
    server.close();
  }
}
