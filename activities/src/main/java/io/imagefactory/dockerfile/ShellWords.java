package io.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into whitespace-separated words as BuildKit's {@code parseWords} does: quotes group
 * words but are kept, as are escapes, so each word can be expanded later. An unterminated quote
 * runs to the end of the text.
 */
final class ShellWords {

  private ShellWords() {}

  static List<String> split(String text, char escape) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    int pos = 0;
    while (pos < text.length()) {
      char ch = text.charAt(pos++);
      if (quote == 0 && Character.isWhitespace(ch)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      if (ch == escape && quote != '\'') {
        word.append(ch);
        if (pos < text.length()) {
          word.append(text.charAt(pos++));
        }
        continue;
      }
      if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (ch == quote) {
        quote = 0;
      }
      word.append(ch);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
