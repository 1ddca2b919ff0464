package io.imagefactory.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Collects the errors of one file, up to a cap so that a pathological file stays readable. */
final class CatalogErrors {

  static final int MAX_ERRORS = 200;

  private final String file;
  private final List<CatalogError> errors = new ArrayList<>();
  private boolean truncated;

  CatalogErrors(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(Mark mark, String entry, String field, String message) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    add(new CatalogError(file, line, column, entry, field, message));
  }

  void add(CatalogError error) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(error);
    } else {
      truncated = true;
    }
  }

  /** How many errors were reported, including those left out. */
  int size() {
    return errors.size() + (truncated ? 1 : 0);
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in file order, ending with a note when some were left out. */
  List<CatalogError> sorted() {
    List<CatalogError> sorted = new ArrayList<>(errors);
    sorted.sort(Comparator.comparingInt(CatalogError::line).thenComparingInt(CatalogError::column));
    if (truncated) {
      sorted.add(
          new CatalogError(
              file, 0, 0, null, null, "more errors left out after the first " + MAX_ERRORS));
    }
    return sorted;
  }

  void throwIfAny() throws CatalogException {
    if (!errors.isEmpty()) {
      throw new CatalogException(sorted());
    }
  }
}
