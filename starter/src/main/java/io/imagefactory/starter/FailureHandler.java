package io.imagefactory.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where exceptions become exit codes: a {@link CommandFailure} carries its own, a
 * lost or silent Temporal connection is {@link ExitCodes#UNREACHABLE}, anything else an {@link
 * ExitCodes#IO_ERROR}. The user sees one line, never a stack trace.
 */
final class FailureHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    String prefix = command.getCommandName() + ": ";
    if (e instanceof CommandFailure failure) {
      err.println(prefix + failure.getMessage());
      return failure.exitCode();
    }
    Status.Code code = grpcCode(e);
    if (code == Status.Code.UNAVAILABLE) {
      err.println(prefix + "lost the connection to Temporal: " + TemporalSession.START_HINT);
      return ExitCodes.UNREACHABLE;
    }
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      err.println(
          prefix
              + "Temporal did not answer in time: is the worker running? "
              + TemporalSession.START_HINT);
      return ExitCodes.UNREACHABLE;
    }
    err.println(prefix + describe(e));
    return ExitCodes.IO_ERROR;
  }

  /** The gRPC status code somewhere in the cause chain, or null. */
  static Status.Code grpcCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode();
      }
    }
    return null;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }
}
