package io.imagefactory.rebuild;

import java.util.ArrayList;
import java.util.List;

/** Splits an input value into literal text and {@code ${...}} references; see RebuildInputs. */
final class Placeholders {

  /** What a reference refers to. */
  enum Kind {
    REBUILD_ID,
    REBUILD_REASON,
    IMAGE_NAME,
    BASE_DIGEST,
    BASE_REF
  }

  sealed interface Part {}

  /** Literal text, escapes already resolved. */
  record Text(String text) implements Part {}

  /**
   * A {@code ${...}} reference.
   *
   * @param text as written, {@code ${base.node.ref}}
   * @param kind null when the reference is not a known placeholder
   * @param base the base name of a {@code base.} placeholder, else null
   */
  record Reference(String text, Kind kind, String base) implements Part {}

  /** A {@code ${} with no closing brace; the rest of the value. */
  record Unterminated(String rest) implements Part {}

  private static final String BASE = "base.";

  private Placeholders() {}

  static List<Part> parse(String value) {
    List<Part> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < value.length()) {
      if (value.startsWith("$${", i)) {
        text.append("${");
        i += 3;
      } else if (value.startsWith("${", i)) {
        flush(text, parts);
        int end = value.indexOf('}', i + 2);
        if (end < 0) {
          parts.add(new Unterminated(value.substring(i)));
          return parts;
        }
        parts.add(reference(value.substring(i, end + 1)));
        i = end + 1;
      } else {
        text.append(value.charAt(i++));
      }
    }
    flush(text, parts);
    return parts;
  }

  static List<Reference> references(String value) {
    return parse(value).stream()
        .filter(Reference.class::isInstance)
        .map(Reference.class::cast)
        .toList();
  }

  private static Reference reference(String text) {
    String expression = text.substring(2, text.length() - 1);
    switch (expression) {
      case "rebuild.id":
        return new Reference(text, Kind.REBUILD_ID, null);
      case "rebuild.reason":
        return new Reference(text, Kind.REBUILD_REASON, null);
      case "image.name":
        return new Reference(text, Kind.IMAGE_NAME, null);
      default:
        break;
    }
    if (expression.startsWith(BASE)) {
      for (Kind kind : List.of(Kind.BASE_DIGEST, Kind.BASE_REF)) {
        String suffix = kind == Kind.BASE_DIGEST ? ".digest" : ".ref";
        if (expression.endsWith(suffix) && expression.length() > BASE.length() + suffix.length()) {
          String base = expression.substring(BASE.length(), expression.length() - suffix.length());
          return new Reference(text, kind, base);
        }
      }
    }
    return new Reference(text, null, null);
  }

  private static void flush(StringBuilder text, List<Part> parts) {
    if (text.length() > 0) {
      parts.add(new Text(text.toString()));
      text.setLength(0);
    }
  }
}
