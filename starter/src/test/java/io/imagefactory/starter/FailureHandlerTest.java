package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class FailureHandlerTest {

  @Command(name = "status")
  static final class Failing implements Runnable {
    @Override
    public void run() {}
  }

  private final StringWriter err = new StringWriter();

  private int handle(Exception e) {
    CommandLine command = new CommandLine(new Failing());
    command.setErr(new PrintWriter(err, true));
    return new FailureHandler().handleExecutionException(e, command, null);
  }

  @Test
  void aCommandFailureKeepsItsExitCodeAndMessage() {
    assertThat(handle(CommandFailure.invalidInput("no image named 'x' is enrolled")))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).isEqualTo("status: no image named 'x' is enrolled\n");
  }

  @Test
  void aConnectionLostMidwayIsUnreachable() {
    Exception lost =
        new WorkflowServiceException(
            WorkflowExecution.newBuilder().setWorkflowId("image/api").build(),
            "ImageWorkflow",
            Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());

    assertThat(handle(lost)).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .startsWith("status: lost the connection to Temporal: (start it with:");
  }

  @Test
  void aQueryNobodyAnswersIsUnreachable() {
    assertThat(handle(Status.DEADLINE_EXCEEDED.asRuntimeException()))
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .startsWith("status: Temporal did not answer in time: is the worker running?");
  }

  @Test
  void anythingElseIsAnErrorOnOneLine() {
    assertThat(handle(new IllegalStateException("outer", new java.io.IOException("disk full"))))
        .isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString()).isEqualTo("status: IOException: disk full\n");
  }
}
