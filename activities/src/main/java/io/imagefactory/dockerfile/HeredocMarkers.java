package io.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the heredocs an instruction opens ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"}, {@code
 * 3<<EOF}), in order. A word opens a heredoc when it is {@code [digits]<<[-]delimiter} with a
 * delimiter free of {@code <}, as in BuildKit; quotes around the delimiter are removed.
 */
final class HeredocMarkers {

  /** One heredoc: its terminator line, and whether leading tabs are stripped ({@code <<-}). */
  record Heredoc(String delimiter, boolean stripTabs) {}

  private HeredocMarkers() {}

  static List<Heredoc> find(String line) {
    List<Heredoc> heredocs = new ArrayList<>();
    if (!line.contains("<<")) {
      return heredocs;
    }
    for (String word : ShellWords.split(line, '\\')) {
      Heredoc heredoc = parse(word);
      if (heredoc != null) {
        heredocs.add(heredoc);
      }
    }
    return heredocs;
  }

  private static Heredoc parse(String word) {
    int pos = 0;
    while (pos < word.length() && Character.isDigit(word.charAt(pos))) {
      pos++;
    }
    if (!word.startsWith("<<", pos)) {
      return null;
    }
    pos += 2;
    boolean stripTabs = pos < word.length() && word.charAt(pos) == '-';
    if (stripTabs) {
      pos++;
    }
    String rest = word.substring(pos);
    if (rest.isEmpty() || rest.indexOf('<') >= 0) {
      return null;
    }
    String delimiter = unquote(rest);
    return delimiter == null || delimiter.isEmpty() ? null : new Heredoc(delimiter, stripTabs);
  }

  /** The delimiter with quotes and escapes removed, or null when a quote is left open. */
  private static String unquote(String text) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int pos = 0; pos < text.length(); pos++) {
      char ch = text.charAt(pos);
      if (quote == 0 && (ch == '\'' || ch == '"')) {
        quote = ch;
      } else if (quote != 0 && ch == quote) {
        quote = 0;
      } else if (ch == '\\' && quote != '\'' && pos + 1 < text.length()) {
        out.append(text.charAt(++pos));
      } else {
        out.append(ch);
      }
    }
    return quote == 0 ? out.toString() : null;
  }
}
