package io.imagefactory.kargo;

/** A state file entry that cannot be watched, named by file, entry and field. */
final class StateProblem extends RuntimeException {

  StateProblem(String stateFile, String entry, String field, String reason) {
    super(stateFile + ": " + entry + ", field " + field + ": " + reason);
  }
}
