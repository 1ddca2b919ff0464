package io.imagefactory.catalog;

/** A state file that could not be read, and why; it is left untouched until fixed. */
public record StateFileProblem(String path, String reason) {

  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
