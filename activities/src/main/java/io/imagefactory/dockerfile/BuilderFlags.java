package io.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Separates the leading {@code --flag=value} words of an instruction from its arguments, as
 * BuildKit's {@code extractBuilderFlags}: flag words may be quoted, a backslash escapes the next
 * character, and a bare {@code --} ends the flags.
 */
final class BuilderFlags {

  /** The flags without their leading dashes, and the unparsed rest of the instruction. */
  record Split(List<String> flags, String rest) {}

  private BuilderFlags() {}

  static Split split(String text) {
    List<String> flags = new ArrayList<>();
    int pos = 0;
    int length = text.length();
    while (true) {
      while (pos < length && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= length) {
        return new Split(flags, "");
      }
      if (!text.startsWith("--", pos)) {
        return new Split(flags, text.substring(pos));
      }
      StringBuilder word = new StringBuilder();
      pos = readWord(text, pos, word);
      if (word.toString().equals("--")) {
        return new Split(flags, text.substring(pos).strip());
      }
      flags.add(word.substring(2));
    }
  }

  /** Reads one flag word into {@code word}, removing quotes; returns the position after it. */
  private static int readWord(String text, int start, StringBuilder word) {
    int pos = start;
    char quote = 0;
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (quote == 0 && Character.isWhitespace(ch)) {
        break;
      }
      pos++;
      if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (quote != 0 && ch == quote) {
        quote = 0;
      } else if (ch == '\\') {
        if (pos < text.length()) {
          word.append(text.charAt(pos++));
        }
      } else {
        word.append(ch);
      }
    }
    return pos;
  }
}
