package io.imagefactory.catalog;

import io.imagefactory.EditDistance;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the known field an unknown one was probably meant to be. */
final class FieldSuggestions {

  private static final int MAX_DISTANCE = 2;

  private FieldSuggestions() {}

  /** {@code " (did you mean 'x'?)"}, or the list of known fields when nothing is close. */
  static String hint(String unknown, List<String> known) {
    String others = " (known fields: " + String.join(", ", known) + ")";
    if (unknown.length()
        > 2 * MAX_DISTANCE + known.stream().mapToInt(String::length).max().orElse(0)) {
      return others;
    }
    return known.stream()
        .filter(
            field ->
                EditDistance.between(
                        unknown.toLowerCase(Locale.ROOT), field.toLowerCase(Locale.ROOT))
                    <= MAX_DISTANCE)
        .min(Comparator.comparingInt(field -> EditDistance.between(unknown, field)))
        .map(field -> " (did you mean '" + field + "'?)")
        .orElse(others);
  }
}
