package io.imagefactory.signature;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The CNCF distribution registry of Debian's {@code docker-registry} package, started on a free
 * port with its storage in a test directory and no authentication. Without the binary the tests are
 * skipped on a workstation and fail on CI ({@code CI} set), where {@code .ci/run} installs it.
 */
final class LocalRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  private final int port;

  private LocalRegistry(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static LocalRegistry start(Path dir) throws IOException {
    if (!Files.isExecutable(BINARY)) {
      String message =
          BINARY
              + " is missing: install Debian's docker-registry package (apt-get install -y"
              + " docker-registry); .ci/run installs it";
      if (System.getenv("CI") != null) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    int port = freePort();
    Path config = dir.resolve("registry.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "version: 0.1",
            "log:",
            "  level: info",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            "    rootdirectory: " + dir.resolve("data"),
            "  maintenance:",
            "    uploadpurging:",
            "      enabled: false",
            "http:",
            "  addr: 127.0.0.1:" + port,
            "  secret: local-test-registry",
            ""));
    Process process =
        new ProcessBuilder(BINARY.toString(), "serve", config.toString())
            .redirectErrorStream(true)
            .start();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (line.contains("listening on")) {
                    listening.complete(null);
                  }
                }
                listening.completeExceptionally(new IOException("the registry exited"));
              } catch (IOException e) {
                listening.completeExceptionally(e);
              }
            },
            "docker-registry-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IOException("docker-registry did not start: " + e.getMessage(), e);
    }
    return new LocalRegistry(process, port);
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return "127.0.0.1:" + port;
  }

  URI uri() {
    return URI.create("http://" + host() + "/");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
