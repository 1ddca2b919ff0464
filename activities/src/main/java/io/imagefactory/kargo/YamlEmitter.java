package io.imagefactory.kargo;

import io.imagefactory.catalog.yaml.YamlScalars;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a document of maps, lists, strings, numbers and booleans exactly as {@link ManifestYaml}'s
 * Jackson writer would, without building Jackson's event stream: block mappings indented by two,
 * sequences at their key's indentation, plain scalars where Jackson's quoting checker and
 * SnakeYAML's emitter would leave them plain, double quotes where the checker asks for them,
 * literal blocks for multi-line text. Where it cannot be sure (non-ASCII text, numbers in strings,
 * indicators, odd multi-line text) a single value is asked of Jackson, or the document is left to
 * it entirely.
 */
final class YamlEmitter {

  private static final Yaml11Quoting QUOTING = new Yaml11Quoting();

  /** Characters that may not start a plain scalar (YAML indicators). */
  private static final String INDICATORS = "#,[]{}&*!|>'\"%@`?:-";

  /** Plain words YAML 1.1 reads as booleans or null in some spelling. */
  private static final Set<String> RESOLVED_WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

  private static final int MAX_CACHED = 4096;
  private static final String MULTI_LINE = "\n";
  private static final Map<String, String> JACKSON_SCALARS = new ConcurrentHashMap<>();

  private YamlEmitter() {}

  /** Appends {@code ---} and the document; false (and nothing appended) when Jackson must. */
  static boolean document(StringBuilder out, Map<String, Object> document) {
    int mark = out.length();
    out.append("---\n");
    if (document.isEmpty() || !mapping(out, document, 0, false)) {
      out.setLength(mark);
      return false;
    }
    return true;
  }

  private static boolean mapping(StringBuilder out, Map<?, ?> map, int indent, boolean inline) {
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String key) || !isPlainKey(key)) {
        return false;
      }
      if (!(first && inline)) {
        spaces(out, indent);
      }
      first = false;
      out.append(key).append(':');
      Object value = entry.getValue();
      if (value instanceof Map<?, ?> nested) {
        if (nested.isEmpty()) {
          out.append(" {}\n");
        } else if (!mapping(out.append('\n'), nested, indent + 2, false)) {
          return false;
        }
      } else if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          out.append(" []\n");
        } else if (!sequence(out.append('\n'), list, indent)) {
          return false;
        }
      } else if (value instanceof String text && text.indexOf('\n') >= 0) {
        if (!literal(out, text, indent + 2)) {
          return false;
        }
      } else if (!scalar(out.append(' '), value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean sequence(StringBuilder out, List<?> list, int indent) {
    for (Object item : list) {
      spaces(out, indent);
      out.append("- ");
      if (item instanceof Map<?, ?> map) {
        if (map.isEmpty()) {
          out.append("{}\n");
        } else if (!mapping(out, map, indent + 2, true)) {
          return false;
        }
      } else if (item instanceof List<?>
          || (item instanceof String text && text.indexOf('\n') >= 0)
          || !scalar(out, item)) {
        return false;
      }
    }
    return true;
  }

  private static boolean scalar(StringBuilder out, Object value) {
    if (value instanceof String text) {
      String written = scalar(text);
      if (written == null) {
        return false;
      }
      out.append(written);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
      out.append(value);
    } else if (value == null) {
      out.append("null");
    } else {
      return false;
    }
    out.append('\n');
    return true;
  }

  /** A one-line string as Jackson writes it, or null when it does not fit on one line. */
  static String scalar(String value) {
    if (value.isEmpty() || !isPrintableAscii(value)) {
      return jackson(value);
    }
    if (isPlainNumber(value)) {
      // Jackson quotes these itself (ALWAYS_QUOTE_NUMBERS_AS_STRINGS), with double quotes.
      return doubleQuoted(value);
    }
    if (isNumberLike(value)) {
      return jackson(value);
    }
    if (QUOTING.needToQuoteValue(value)) {
      return doubleQuoted(value);
    }
    return isPlainSafe(value) ? value : jackson(value);
  }

  private static String jackson(String value) {
    String cached = JACKSON_SCALARS.get(value);
    if (cached == null) {
      cached = ManifestYaml.scalarWithJackson(value);
      cached = cached == null ? MULTI_LINE : cached;
      if (JACKSON_SCALARS.size() < MAX_CACHED) {
        JACKSON_SCALARS.put(value, cached);
      }
    }
    return cached == MULTI_LINE ? null : cached;
  }

  /**
   * SnakeYAML leaves a string plain in block context when it does not start with an indicator, a
   * document marker or a space, does not end in a colon or a space, holds no {@code ": "} or {@code
   * " #"}, and would be read back as a string: Jackson asks for quotes (single ones) where YAML 1.1
   * would read a number, date, boolean or null.
   */
  private static boolean isPlainSafe(String value) {
    char first = value.charAt(0);
    if (INDICATORS.indexOf(first) >= 0
        || " .+<=~".indexOf(first) >= 0
        || value.charAt(value.length() - 1) == ':'
        || value.charAt(value.length() - 1) == ' '
        || value.contains(" #")
        || value.contains(": ")) {
      return false;
    }
    if (first >= '0' && first <= '9') {
      return YamlScalars.isDigitLedString(value);
    }
    return value.length() > 5 || !RESOLVED_WORDS.contains(value.toLowerCase(Locale.ROOT));
  }

  /** {@code -?[0-9]*(\.[0-9]*)?}, which Jackson's writer always quotes. */
  private static boolean isPlainNumber(String value) {
    int i = value.charAt(0) == '-' ? 1 : 0;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    if (i < value.length() && value.charAt(i) == '.') {
      i++;
      while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
        i++;
      }
    }
    return i == value.length();
  }

  /** Strings Jackson may write as numbers are left to it ({@code ALWAYS_QUOTE_NUMBERS_...}). */
  private static boolean isNumberLike(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+') {
        return false;
      }
    }
    return true;
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static String doubleQuoted(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.append('"').toString();
  }

  /** Keys are written plain when the checker lets them: every key Image Factory writes. */
  private static boolean isPlainKey(String key) {
    if (key.isEmpty() || !Character.isLetter(key.charAt(0)) || QUOTING.needToQuoteName(key)) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '/'
          || c == '-'
          || c == '_')) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code |} and the lines, for text SnakeYAML writes as a plain literal block: one final line
   * break, no blank lines, no space before a break or at the start.
   */
  private static boolean literal(StringBuilder out, String text, int indent) {
    if (!text.endsWith("\n")
        || text.charAt(0) == ' '
        || text.charAt(0) == '\n'
        || text.contains("\n\n")
        || text.contains(" \n")) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 || c > 0x7e) && c != '\n') {
        return false;
      }
    }
    out.append(" |\n");
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      spaces(out, indent);
      out.append(text, start, end + 1);
      start = end + 1;
    }
    return true;
  }

  private static void spaces(StringBuilder out, int count) {
    for (int i = 0; i < count; i++) {
      out.append(' ');
    }
  }
}
