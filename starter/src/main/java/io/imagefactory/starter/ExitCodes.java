package io.imagefactory.starter;

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

  /** A file or directory could not be read or written. */
  public static final int IO_ERROR = 1;

  /** The input is wrong: bad arguments, an invalid Dockerfile or catalog. */
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
      command.getErr().println(failure.getMessage());
      command.getErr().flush();
      return code;
    };
  }

  /** The exit code for an expected failure, or {@link #OK} when the failure is unexpected. */
  static int of(Exception failure) {
    if (failure instanceof DockerfileSyntaxException) {
      return INVALID_INPUT;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return IO_ERROR;
    }
    return OK;
  }
}
