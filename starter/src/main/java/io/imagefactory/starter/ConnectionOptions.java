package io.imagefactory.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every operational command shares: where Temporal and the worker are. */
final class ConnectionOptions {

  static final String TOKEN_ENV = "IMAGE_FACTORY_WEBHOOK_TOKEN";

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:IMAGE_FACTORY_TEMPORAL_TARGET:-127.0.0.1:7233}",
      description =
          "Temporal frontend (env IMAGE_FACTORY_TEMPORAL_TARGET). Default: ${DEFAULT-VALUE}")
  String temporal;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      description = "Temporal namespace. Default: ${DEFAULT-VALUE}")
  String namespace;

  @Option(
      names = "--worker-url",
      paramLabel = "URL",
      defaultValue = "${env:IMAGE_FACTORY_WORKER_URL:-http://127.0.0.1:8080}",
      description =
          "The worker's HTTP API (env IMAGE_FACTORY_WORKER_URL). Default: ${DEFAULT-VALUE}")
  String workerUrl;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description =
          "File holding the worker's webhook token (else env "
              + TOKEN_ENV
              + ", else the embedded default's "
              + EMBEDDED_TOKEN
              + " when it exists).")
  Path tokenFile;

  /** Where the worker's embedded default writes the token it generates, relative to the repo. */
  static final String EMBEDDED_TOKEN = ".image-factory/webhook-token";

  /** Connects to Temporal, or fails fast with {@link ExitCodes#UNREACHABLE}. */
  TemporalSession temporal() {
    return TemporalSession.connect(temporal, namespace);
  }

  /** The worker's API, with the webhook token when one is configured. */
  WorkerApi worker() {
    return new WorkerApi(workerUrl, token());
  }

  /**
   * The token from {@code --token-file}, the environment, or the embedded default's token file;
   * null when none gives one.
   */
  private String token() {
    String token;
    Path tokenFile = this.tokenFile;
    if (tokenFile == null
        && System.getenv(TOKEN_ENV) == null
        && Files.isRegularFile(Path.of(EMBEDDED_TOKEN))) {
      tokenFile = Path.of(EMBEDDED_TOKEN);
    }
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile).strip();
      } catch (IOException e) {
        throw CommandFailure.invalidInput(
            "cannot read --token-file " + tokenFile + ": " + e.getClass().getSimpleName());
      }
      if (token.isEmpty()) {
        throw CommandFailure.invalidInput("--token-file " + tokenFile + " is empty");
      }
    } else {
      token = System.getenv(TOKEN_ENV);
    }
    if (token != null && !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      // Never echo the token: say only where it came from.
      throw CommandFailure.invalidInput(
          "the webhook token from "
              + (tokenFile != null ? tokenFile.toString() : TOKEN_ENV)
              + " must be one line of printable characters");
    }
    return token == null || token.isBlank() ? null : token;
  }
}
