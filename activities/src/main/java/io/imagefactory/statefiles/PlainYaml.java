package io.imagefactory.statefiles;

import io.imagefactory.catalog.yaml.YamlScalars;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the plain shape state files have in practice (block mappings and sequences of plain or
 * double-quoted one-line scalars, comments, an optional {@code ---}) into maps, lists, strings,
 * booleans, integers and nulls, much faster than the general YAML parser. Anything else (tabs,
 * anchors, tags, flow collections, multi-line or single-quoted scalars, duplicate keys, values a
 * YAML 1.1 reader could take for numbers, dates or booleans) makes it give up, and the caller reads
 * the file the general way: this reader never decides what a file means when the general one might
 * decide otherwise.
 */
final class PlainYaml {

  /** Plain scalars that YAML 1.1 resolves to booleans or null in some spelling. */
  private static final Set<String> RESOLVED_WORDS =
      Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

  /** Characters that start something other than a plain scalar, or a number, at a value's start. */
  private static final String NOT_PLAIN_START = "-?:,[]{}#&*!|>'\"%@`<=~+.0123456789\\";

  private static final int MAX_DEPTH = 16;

  /** Why a file is left to the general parser; thrown without a stack trace, caught below. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final Unsupported UNSUPPORTED = new Unsupported();

  private final String[] texts;
  private final int[] indents;
  private int count;
  private int pos;

  private PlainYaml(String text) {
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    texts = new String[lines];
    indents = new int[lines];
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int indent = start;
      while (indent < end && text.charAt(indent) == ' ') {
        indent++;
      }
      // Blank lines and whole-line comments mean nothing to a YAML reader.
      if (indent < end && text.charAt(indent) != '#') {
        texts[count] = text.substring(indent, end);
        indents[count] = indent - start;
        count++;
      }
      start = end + 1;
    }
  }

  /** The document's top-level mapping, or null when the file is not of the plain shape. */
  static Map<String, Object> read(byte[] content) {
    for (byte b : content) {
      if ((b < 0x20 || b > 0x7e) && b != '\n') {
        return null;
      }
    }
    try {
      return new PlainYaml(new String(content, StandardCharsets.ISO_8859_1)).document();
    } catch (Unsupported e) {
      return null;
    }
  }

  private Map<String, Object> document() {
    if (count > 0 && indents[0] == 0 && texts[0].equals("---")) {
      pos++;
    }
    if (pos >= count || indents[pos] != 0) {
      throw UNSUPPORTED;
    }
    Map<String, Object> root = mapping(0, 0);
    if (pos != count) {
      throw UNSUPPORTED;
    }
    return root;
  }

  private Map<String, Object> mapping(int indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw UNSUPPORTED;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    while (pos < count && indents[pos] == indent) {
      String line = texts[pos];
      int colon = keyEnd(line);
      if (colon < 0) {
        throw UNSUPPORTED;
      }
      String key = line.substring(0, colon);
      if (map.containsKey(key)) {
        throw UNSUPPORTED;
      }
      String rest = line.substring(colon + 1).stripLeading();
      pos++;
      Object value = rest.isEmpty() || rest.charAt(0) == '#' ? block(indent, depth) : scalar(rest);
      map.put(key, value);
    }
    if (pos < count && indents[pos] > indent) {
      throw UNSUPPORTED;
    }
    return map;
  }

  /** The nested block under a key that ends its line: a deeper mapping, or a sequence. */
  private Object block(int indent, int depth) {
    if (pos >= count) {
      throw UNSUPPORTED;
    }
    boolean item = isItem(texts[pos]);
    if (indents[pos] > indent) {
      return item ? sequence(indents[pos], depth + 1) : mapping(indents[pos], depth + 1);
    }
    if (indents[pos] == indent && item) {
      return sequence(indent, depth + 1);
    }
    // An empty value: null to a YAML reader, but rare enough to leave to it.
    throw UNSUPPORTED;
  }

  private List<Object> sequence(int indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw UNSUPPORTED;
    }
    List<Object> list = new ArrayList<>();
    while (pos < count && indents[pos] == indent && isItem(texts[pos])) {
      String line = texts[pos];
      String rest = line.substring(2).stripLeading();
      if (rest.isEmpty() || isItem(rest) || rest.equals("-") || rest.charAt(0) == '#') {
        throw UNSUPPORTED;
      }
      if (keyEnd(rest) >= 0) {
        // "- key: value" opens a mapping whose keys line up with the first one.
        texts[pos] = rest;
        indents[pos] = indent + line.length() - rest.length();
        list.add(mapping(indents[pos], depth + 1));
      } else {
        pos++;
        list.add(scalar(rest));
      }
    }
    return list;
  }

  private static boolean isItem(String line) {
    return line.startsWith("- ");
  }

  /** The index of the colon ending a plain key at the start of {@code line}, or -1. */
  private static int keyEnd(String line) {
    if (line.isEmpty() || !isKeyStart(line.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ':') {
        return i + 1 == line.length() || line.charAt(i + 1) == ' ' ? i : -1;
      }
      if (!isKeyPart(c)) {
        return -1;
      }
    }
    return -1;
  }

  private static boolean isKeyStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isKeyPart(char c) {
    return isKeyStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/';
  }

  /** A one-line value, possibly followed by a comment. */
  private static Object scalar(String text) {
    char first = text.charAt(0);
    if (first == '"') {
      return quoted(text);
    }
    if (text.startsWith("[]") || text.startsWith("{}")) {
      requireEnd(text, 2);
      return first == '[' ? new ArrayList<>() : new LinkedHashMap<>();
    }
    int comment = text.indexOf(" #");
    String value = (comment < 0 ? text : text.substring(0, comment)).stripTrailing();
    if (value.contains(": ") || value.endsWith(":")) {
      throw UNSUPPORTED;
    }
    if (value.equals("null")) {
      return null;
    }
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    if (isSmallInteger(value)) {
      return Integer.valueOf(value);
    }
    if (YamlScalars.isDigitLedString(value)) {
      return value;
    }
    if (NOT_PLAIN_START.indexOf(first) >= 0
        || (value.length() <= 5 && RESOLVED_WORDS.contains(value.toLowerCase(Locale.ROOT)))) {
      throw UNSUPPORTED;
    }
    return value;
  }

  /** {@code 0} or a positive decimal below 10^9: read alike by every YAML reader. */
  private static boolean isSmallInteger(String value) {
    if (value.equals("0")) {
      return true;
    }
    if (value.isEmpty() || value.length() > 9 || value.charAt(0) < '1' || value.charAt(0) > '9') {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** A double-quoted scalar on one line, with no escapes but {@code \\} and {@code \"}. */
  private static String quoted(String text) {
    StringBuilder value = new StringBuilder(text.length());
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        requireEnd(text, i + 1);
        return value.toString();
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          throw UNSUPPORTED;
        }
        char escaped = text.charAt(++i);
        if (escaped != '\\' && escaped != '"') {
          throw UNSUPPORTED;
        }
        value.append(escaped);
      } else {
        value.append(c);
      }
    }
    throw UNSUPPORTED;
  }

  /** Only spaces, or spaces and a comment, may follow a complete value. */
  private static void requireEnd(String text, int from) {
    String rest = text.substring(from);
    String content = rest.stripLeading();
    if (!content.isEmpty() && !(content.charAt(0) == '#' && content.length() < rest.length())) {
      throw UNSUPPORTED;
    }
  }
}
