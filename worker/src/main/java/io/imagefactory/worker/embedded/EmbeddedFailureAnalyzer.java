package io.imagefactory.worker.embedded;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a taken Temporal port into a startup error that says what to do. */
class EmbeddedFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedPortInUseException> {

  @Override
  protected FailureAnalysis analyze(Throwable root, EmbeddedPortInUseException cause) {
    int port = cause.port();
    return new FailureAnalysis(
        "No Temporal cluster is configured, so the worker starts an embedded Temporal server on "
            + "127.0.0.1:"
            + port
            + ", but that port is already in use (another worker, or `temporal server"
            + " start-dev`?).",
        "Stop the process using port "
            + port
            + "; or give the embedded server another port with image-factory.embedded.port"
            + " (IMAGE_FACTORY_EMBEDDED_PORT); or, if a Temporal server already listens there, use"
            + " it with spring.temporal.connection.target=127.0.0.1:"
            + port
            + " (SPRING_TEMPORAL_CONNECTION_TARGET).",
        cause);
  }
}
