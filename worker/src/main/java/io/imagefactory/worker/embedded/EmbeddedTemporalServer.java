package io.imagefactory.worker.embedded;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The in-process Temporal dev server of the embedded default ({@code temporal-test-server}), bound
 * to the loopback interface only: it has no authentication, so it must not be reachable from the
 * network. Time runs as on a real server (time skipping locked), so a seven-day rebuild delay takes
 * seven days. Everything it holds is lost when the process ends.
 *
 * <p>This is what {@code TestServer.createPortBoundServer(port, true)} does, except that method
 * listens on every interface.
 */
public final class EmbeddedTemporalServer implements Closeable {

  private final TestServicesStarter services;
  private final Server server;

  private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  /** Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one. */
  public static EmbeddedTemporalServer start(int port) {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    requireFree(address);
    // true: time skipping stays locked, so timers take real time.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(address, InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(
        List.of(services.getWorkflowService(), services.getOperatorService()), builder);
    try {
      return new EmbeddedTemporalServer(services, builder.build().start());
    } catch (IOException e) {
      services.close();
      throw new IllegalStateException(
          "cannot start the embedded Temporal server on 127.0.0.1:" + port + ": " + e, e);
    }
  }

  /** Netty's native transport reports a taken port in its own terms, so ask the JDK first. */
  private static void requireFree(InetSocketAddress address) {
    if (address.getPort() == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(address);
    } catch (BindException e) {
      throw new EmbeddedPortInUseException(address.getPort());
    } catch (IOException e) {
      // Anything else shows when the server itself binds.
    }
  }

  /** Where clients connect: {@code 127.0.0.1:<port>}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Registers search attributes in {@code namespace}, as an operator would on a cluster. */
  public void registerSearchAttributes(
      String namespace, Map<String, IndexedValueType> definitions) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target())
                .validateAndBuildWithDefaults());
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(definitions)
                  .build());
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
