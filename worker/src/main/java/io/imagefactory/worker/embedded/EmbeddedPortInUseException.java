package io.imagefactory.worker.embedded;

/**
 * The port of the embedded Temporal server is taken; explained by {@link EmbeddedFailureAnalyzer}.
 */
public final class EmbeddedPortInUseException extends RuntimeException {

  private final int port;

  EmbeddedPortInUseException(int port) {
    super("the embedded Temporal server cannot listen on 127.0.0.1:" + port + ": port in use");
    this.port = port;
  }

  public int port() {
    return port;
  }
}
