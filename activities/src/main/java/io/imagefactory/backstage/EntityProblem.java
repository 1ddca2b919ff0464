package io.imagefactory.backstage;

/** A state file entry that cannot become a Backstage entity, named by file, entry and field. */
final class EntityProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  EntityProblem(String stateFile, String entry, String field, String reason) {
    super(stateFile + ": " + entry + ", field " + field + ": " + reason, null, false, false);
  }
}
