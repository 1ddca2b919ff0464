package io.imagefactory.statefiles;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises the collections of state records, so that a file read back equals the record it was
 * written from: absent lists become empty, unknown fields become an unmodifiable sorted map.
 */
final class StateCollections {

  private StateCollections() {}

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** Unknown fields, sorted by name; their values may be null. */
  static Map<String, Object> fields(Map<String, Object> fields) {
    return fields == null || fields.isEmpty()
        ? Map.of()
        : Collections.unmodifiableSortedMap(new TreeMap<>(fields));
  }
}
