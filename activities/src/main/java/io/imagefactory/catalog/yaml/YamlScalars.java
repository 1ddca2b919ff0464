package io.imagefactory.catalog.yaml;

/**
 * The one YAML 1.1 rule the state-file reader and the manifest writer share: which plain scalars
 * that start with a digit every reader takes as strings, so they need no quotes.
 */
public final class YamlScalars {

  private YamlScalars() {}

  /**
   * True for a value that starts with a digit and is still a string to every YAML 1.1 reader:
   * digits then lower-case letters ({@code 7d}, {@code 10m}), or one holding a lower-case letter no
   * number or timestamp uses ({@code 22-bookworm-slim}).
   */
  public static boolean isDigitLedString(String value) {
    if (value.isEmpty() || value.charAt(0) < '0' || value.charAt(0) > '9') {
      return false;
    }
    return isAmount(value) || hasWordLetter(value);
  }

  private static boolean isAmount(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    if (i == value.length()) {
      return false;
    }
    for (; i < value.length(); i++) {
      if (value.charAt(i) < 'a' || value.charAt(i) > 'z') {
        return false;
      }
    }
    return true;
  }

  // Numbers and timestamps use only a-f, b, x, e and t among the lower-case letters.
  private static boolean hasWordLetter(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 'g' && c <= 'z' && c != 't' && c != 'x') {
        return true;
      }
    }
    return false;
  }
}
