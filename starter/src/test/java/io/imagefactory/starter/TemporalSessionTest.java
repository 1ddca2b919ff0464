package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemporalSessionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"status", "status api", "approve api", "rebuild api --now", "enroll --wait"})
  void anUnreachableTemporalIsReportedFast(String command) {
    String target = "127.0.0.1:" + PortBoundTemporal.freePort();
    String[] args = (command + " --temporal " + target).split(" ");
    long started = System.nanoTime();

    CliRun run = CliRun.run(args);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err())
        .isEqualTo(
            "cannot reach Temporal at "
                + target
                + ": is the worker running?"
                + " (start it with: java -jar worker/target/image-factory-worker.jar)\n");
    assertThat(run.out()).isEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aServerThatNeverAnswersIsReportedWithinTheDeadline() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String target = "127.0.0.1:" + silent.getLocalPort();
      long started = System.nanoTime();

      CliRun run = CliRun.run("status", "--temporal", target);

      assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(run.err()).contains("cannot reach Temporal at " + target);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
