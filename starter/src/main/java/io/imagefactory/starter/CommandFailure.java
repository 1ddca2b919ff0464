package io.imagefactory.starter;

/**
 * An expected failure of a command: the message the user reads and the exit code it maps to. {@link
 * ExitCodes#handler()} prints it without a stack trace.
 */
final class CommandFailure extends RuntimeException {

  private final int exitCode;

  private CommandFailure(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** Bad arguments, an unknown image, or a request the system refused. */
  static CommandFailure invalidInput(String message) {
    return new CommandFailure(ExitCodes.INVALID_INPUT, message);
  }

  /** Temporal or the worker cannot be reached. */
  static CommandFailure unreachable(String message) {
    return new CommandFailure(ExitCodes.UNREACHABLE, message);
  }

  /** Something failed along the way: a file, a server error, a failed image. */
  static CommandFailure ioError(String message) {
    return new CommandFailure(ExitCodes.IO_ERROR, message);
  }

  int exitCode() {
    return exitCode;
  }
}
