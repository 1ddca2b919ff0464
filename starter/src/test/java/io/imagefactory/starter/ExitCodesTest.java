package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowServiceException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ExitCodesTest {

  @Command(name = "status")
  static final class AnyCommand implements Runnable {
    @Override
    public void run() {}
  }

  private final StringWriter err = new StringWriter();

  private int handle(Exception e) throws Exception {
    CommandLine command = new CommandLine(new AnyCommand());
    command.setErr(new PrintWriter(err, true));
    return ExitCodes.handler().handleExecutionException(e, command, null);
  }

  private static WorkflowServiceException temporalFailure(Status status) {
    return new WorkflowServiceException(
        WorkflowExecution.newBuilder().setWorkflowId("image/api").build(),
        "ImageWorkflow",
        status.asRuntimeException());
  }

  @Test
  void aCommandFailureKeepsItsExitCodeAndMessage() throws Exception {
    assertThat(handle(CommandFailure.invalidInput("no image named 'x' is enrolled")))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).isEqualTo("no image named 'x' is enrolled\n");
  }

  @Test
  void aConnectionLostMidwayIsUnreachable() throws Exception {
    assertThat(handle(temporalFailure(Status.UNAVAILABLE.withDescription("io exception"))))
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .startsWith("lost the connection to Temporal: is the worker running? (start it with:");
  }

  @Test
  void aQueryNobodyAnswersIsUnreachable() throws Exception {
    assertThat(handle(Status.DEADLINE_EXCEEDED.asRuntimeException()))
        .isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(err.toString())
        .startsWith("Temporal did not answer in time: is the worker running?");
  }

  @Test
  void anotherRefusalOfTemporalIsAnErrorOnOneLine() throws Exception {
    Status notFound = Status.NOT_FOUND.withDescription("namespace ops is not found");

    assertThat(handle(temporalFailure(notFound))).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString())
        .isEqualTo("Temporal refused the request: NOT_FOUND: namespace ops is not found\n");
  }

  @Test
  void anUnexpectedFailureIsLeftToPicocli() {
    IllegalStateException bug = new IllegalStateException("a bug");

    assertThatThrownBy(() -> handle(bug)).isSameAs(bug);
    assertThat(err.toString()).isEmpty();
  }
}
