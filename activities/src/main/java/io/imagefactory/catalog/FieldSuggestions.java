package io.imagefactory.catalog;

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
                distance(unknown.toLowerCase(Locale.ROOT), field.toLowerCase(Locale.ROOT))
                    <= MAX_DISTANCE)
        .min(Comparator.comparingInt(field -> distance(unknown, field)))
        .map(field -> " (did you mean '" + field + "'?)")
        .orElse(others);
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
