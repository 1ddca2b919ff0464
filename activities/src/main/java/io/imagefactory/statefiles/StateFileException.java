package io.imagefactory.statefiles;

/** A state file that cannot be read; the message names the file, and the line where known. */
public final class StateFileException extends Exception {

  private final String path;
  private final int line;
  private final int column;
  private final String reason;

  public StateFileException(String path, String reason) {
    this(path, 0, 0, reason);
  }

  public StateFileException(String path, int line, int column, String reason) {
    super(StateFileProblem.describe(path, line, column, reason));
    this.path = path;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /** The file's path, without position. */
  public String path() {
    return path;
  }

  /** This failure as a problem of a snapshot. */
  public StateFileProblem problem() {
    return new StateFileProblem(path, line, column, reason);
  }
}
