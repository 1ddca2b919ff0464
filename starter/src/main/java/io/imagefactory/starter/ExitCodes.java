package io.imagefactory.starter;

/** The exit codes of every {@code image-factory} command. */
final class ExitCodes {

  static final int OK = 0;
  static final int IO_ERROR = 1;
  static final int INVALID_INPUT = 2;

  private ExitCodes() {}
}
