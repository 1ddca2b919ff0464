package io.imagefactory.starter;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.imagefactory.dockerfile.DockerfileSyntaxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The exit codes of every command, and the one place where failures become exit codes. */
public final class ExitCodes {

  /** The command did what was asked. */
  public static final int OK = 0;

  /** A file or directory could not be read or written, or a server failed the request. */
  public static final int IO_ERROR = 1;

  /** The input is wrong: bad arguments, an invalid Dockerfile or catalog, an unknown image. */
  public static final int INVALID_INPUT = 2;

  /** A server the command needs (Temporal, the worker) did not answer. */
  public static final int UNREACHABLE = 3;

  private ExitCodes() {}

  /**
   * Prints the message of an expected failure on the command's error stream and returns its exit
   * code; anything else is rethrown, for picocli to report with its stack trace.
   */
  static IExecutionExceptionHandler handler() {
    return (Exception failure, CommandLine command, ParseResult parsed) -> {
      int code = of(failure);
      if (code == OK) {
        throw failure;
      }
      command.getErr().println(message(failure));
      command.getErr().flush();
      return code;
    };
  }

  /** The exit code for an expected failure, or {@link #OK} when the failure is unexpected. */
  static int of(Exception failure) {
    if (failure instanceof CommandFailure expected) {
      return expected.exitCode();
    }
    if (failure instanceof DockerfileSyntaxException) {
      return INVALID_INPUT;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return IO_ERROR;
    }
    Status.Code grpc = grpcCode(failure);
    if (grpc == Status.Code.UNAVAILABLE || grpc == Status.Code.DEADLINE_EXCEEDED) {
      return UNREACHABLE;
    }
    return grpc == null ? OK : IO_ERROR;
  }

  /** The gRPC status code somewhere in the cause chain, or null. */
  static Status.Code grpcCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus().getCode();
      }
    }
    return null;
  }

  /** One line for the user; a Temporal failure says what to check rather than a gRPC status. */
  private static String message(Exception failure) {
    Status.Code grpc = failure instanceof CommandFailure ? null : grpcCode(failure);
    if (grpc == Status.Code.UNAVAILABLE) {
      return "lost the connection to Temporal: is the worker running? "
          + TemporalSession.START_HINT;
    }
    if (grpc == Status.Code.DEADLINE_EXCEEDED) {
      return "Temporal did not answer in time: is the worker running? "
          + TemporalSession.START_HINT;
    }
    if (grpc != null) {
      Throwable status = failure;
      while (!(status instanceof StatusRuntimeException)) {
        status = status.getCause();
      }
      return "Temporal refused the request: " + status.getMessage();
    }
    return failure.getMessage();
  }
}
