package io.imagefactory.github;

/** A GitHub Actions workflow file that cannot be read as one, located by path and line. */
public final class WorkflowFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final int line;

  WorkflowFileException(String path, int line, int column, String problem) {
    super(where(path, line, column) + ": " + problem);
    this.path = path;
    this.line = line;
  }

  /** The workflow file's path in its repository ({@code .github/workflows/build.yml}). */
  public String path() {
    return path;
  }

  /** The 1-based line of the problem, 0 when it is about the whole file. */
  public int line() {
    return line;
  }

  private static String where(String path, int line, int column) {
    if (line <= 0) {
      return path;
    }
    return path + ":" + line + (column > 0 ? ":" + column : "");
  }
}
