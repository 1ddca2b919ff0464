package io.imagefactory.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in one {@code images.yaml}; its message lists them one per line. */
public final class CatalogException extends Exception {

  private final transient List<CatalogError> errors;

  public CatalogException(List<CatalogError> errors) {
    super(errors.stream().map(CatalogError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** The problems, in file order. */
  public List<CatalogError> errors() {
    return errors;
  }
}
