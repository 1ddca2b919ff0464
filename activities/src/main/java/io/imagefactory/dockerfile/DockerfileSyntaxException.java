package io.imagefactory.dockerfile;

/**
 * A Dockerfile that cannot be analysed: its message reads {@code file:line: message}. Line 0 means
 * the file as a whole (empty, too large, no {@code FROM}).
 */
public class DockerfileSyntaxException extends Exception {

  private final String file;
  private final int line;

  public DockerfileSyntaxException(String file, int line, String message) {
    super(file + ":" + line + ": " + message);
    this.file = file;
    this.line = line;
  }

  /** The file name given to the analyzer. */
  public String file() {
    return file;
  }

  /** The 1-based line of the error, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
