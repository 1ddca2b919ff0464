package io.imagefactory.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import io.imagefactory.staterepo.IsolatedGitConfig;
import io.imagefactory.worker.CapturedLogs;
import io.imagefactory.worker.WorkerApplication;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;

@ExtendWith(IsolatedGitConfig.class)
class EmbeddedTemporalServerTest {

  @Test
  void aTakenPortIsAnErrorThatSaysWhatToDo() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> EmbeddedTemporalServer.start(port))
          .isInstanceOfSatisfying(
              EmbeddedPortInUseException.class,
              e -> {
                assertThat(e.port()).isEqualTo(port);
                FailureAnalysis analysis = new EmbeddedFailureAnalyzer().analyze(e);
                assertThat(analysis.getDescription())
                    .contains("127.0.0.1:" + port, "already in use");
                assertThat(analysis.getAction())
                    .contains(
                        "image-factory.embedded.port",
                        "spring.temporal.connection.target=127.0.0.1:" + port);
              });
    }
  }

  @Test
  void theWorkerStopsAtStartupWithThatExplanation(@TempDir Path data) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      SpringApplication application = WorkerApplication.application();
      List<CapturedLogs> logs = new ArrayList<>();
      // Spring Boot sets logging up afresh at startup; capture from then on.
      application.addListeners(
          (ApplicationListener<ApplicationEnvironmentPreparedEvent>)
              e -> logs.add(CapturedLogs.capture(Level.INFO)));

      assertThatThrownBy(
              () ->
                  application.run(
                      "--server.port=0",
                      "--image-factory.embedded.port=" + port,
                      "--image-factory.embedded.data-dir=" + data,
                      "--image-factory.embedded.examples-dir="
                          + System.getProperty("image-factory.project-dir")
                          + "/examples"))
          .isInstanceOf(EmbeddedPortInUseException.class);
      assertThat(String.join("\n", logs.get(0).lines()))
          .contains("APPLICATION FAILED TO START", "image-factory.embedded.port");
      logs.get(0).close();
    }
  }

  @Test
  void itListensOnTheLoopbackInterfaceOnly() throws IOException {
    Optional<InetAddress> external = nonLoopbackAddress();
    assumeThat(external).as("this host has a non-loopback address").isPresent();
    try (EmbeddedTemporalServer server = EmbeddedTemporalServer.start(0)) {
      int port = Integer.parseInt(server.target().substring("127.0.0.1:".length()));

      assertThat(connects(InetAddress.getLoopbackAddress(), port)).isTrue();
      assertThat(connects(external.get(), port)).isFalse();
    }
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback()) {
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}
