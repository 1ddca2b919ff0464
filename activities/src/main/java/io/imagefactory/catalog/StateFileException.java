package io.imagefactory.catalog;

/** A state file that cannot be read; the message names the file (and line, where known). */
public final class StateFileException extends Exception {

  private final String path;
  private final String reason;

  public StateFileException(String path, String reason) {
    super(path + ": " + reason);
    this.path = path;
    this.reason = reason;
  }

  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }
}
