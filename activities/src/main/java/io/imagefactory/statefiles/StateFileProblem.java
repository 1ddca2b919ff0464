package io.imagefactory.statefiles;

/**
 * A state file that could not be read, and why; it is left untouched until fixed.
 *
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 */
public record StateFileProblem(String path, int line, int column, String reason) {

  public StateFileProblem(String path, String reason) {
    this(path, 0, 0, reason);
  }

  /** {@code images/api.yaml:3:1: reason}. */
  @Override
  public String toString() {
    return describe(path, line, column, reason);
  }

  static String describe(String path, int line, int column, String reason) {
    String where = line <= 0 ? "" : ":" + line + (column <= 0 ? "" : ":" + column);
    return path + where + ": " + reason;
  }
}
