package io.imagefactory.dockerfile;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** One left-to-right pass over one word, for {@link VariableExpander}, which states the rules. */
final class WordScan {

  static final char END = 0;

  private final String text;
  private final Map<String, String> env;
  private final VariableExpander expander;
  private final char escape;
  private int pos;

  WordScan(String text, Map<String, String> env, VariableExpander expander) {
    this.text = text;
    this.env = env;
    this.expander = expander;
    this.escape = expander.escape();
  }

  /** Expands up to {@code stop} (consumed) or the end; names without value go to unset. */
  String until(char stop, Set<String> unset, int depth) throws ExpansionException {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (stop != END && ch == stop) {
        pos++;
        return out.toString();
      }
      if (ch == '\'') {
        singleQuoted(out);
      } else if (ch == '"') {
        doubleQuoted(out, unset, depth);
      } else if (ch == '$') {
        dollar(out, unset, depth);
      } else {
        pos++;
        if (ch != escape) {
          out.append(ch);
        } else if (pos < text.length()) {
          out.append(text.charAt(pos++));
        }
      }
    }
    if (stop != END) {
      throw new ExpansionException("missing '" + stop + "'");
    }
    return out.toString();
  }

  private void singleQuoted(StringBuilder out) throws ExpansionException {
    int close = text.indexOf('\'', pos + 1);
    if (close < 0) {
      throw new ExpansionException("unterminated single quote");
    }
    out.append(text, pos + 1, close);
    pos = close + 1;
  }

  private void doubleQuoted(StringBuilder out, Set<String> unset, int depth)
      throws ExpansionException {
    pos++;
    while (pos < text.length()) {
      char ch = text.charAt(pos);
      if (ch == '"') {
        pos++;
        return;
      }
      if (ch == '$') {
        dollar(out, unset, depth);
        continue;
      }
      pos++;
      if (ch == escape && pos < text.length()) {
        char next = text.charAt(pos);
        if (next == '"' || next == '$' || next == escape) {
          pos++;
          ch = next;
        }
      }
      out.append(ch);
    }
    throw new ExpansionException("unterminated double quote");
  }

  private void dollar(StringBuilder out, Set<String> unset, int depth) throws ExpansionException {
    pos++;
    if (pos >= text.length() || text.charAt(pos) != '{') {
      String name = name();
      if (name.isEmpty()) {
        out.append('$');
      } else {
        lookUp(name, out, unset);
      }
      return;
    }
    pos++;
    String name = name();
    if (name.isEmpty()) {
      throw new ExpansionException("bad substitution");
    }
    if (pos >= text.length()) {
      throw new ExpansionException("missing '}'");
    }
    char op = text.charAt(pos++);
    boolean colon = op == ':';
    if (colon) {
      op = pos < text.length() ? text.charAt(pos++) : END;
    } else if (op == '}') {
      lookUp(name, out, unset);
      return;
    }
    if (op == END) {
      throw new ExpansionException("missing '}'");
    }
    if (op != '-' && op != '+' && op != '?') {
      throw new ExpansionException("unsupported modifier (" + op + ") in substitution");
    }
    modifier(name, op, colon, out, unset, depth);
  }

  private void modifier(
      String name, char op, boolean colon, StringBuilder out, Set<String> unset, int depth)
      throws ExpansionException {
    if (depth >= VariableExpander.MAX_NESTING) {
      throw new ExpansionException(
          "substitutions nested more than " + VariableExpander.MAX_NESTING + " deep");
    }
    Set<String> wordUnset = new LinkedHashSet<>();
    String word = until('}', wordUnset, depth + 1);
    String value = env.get(name);
    boolean missing = value == null || (colon && value.isEmpty());
    if (op == '?' && missing) {
      throw new ExpansionException(
          Excerpt.of(name + ": " + (word.isEmpty() ? "has no value" : word)));
    }
    boolean useWord = op == '-' ? missing : op == '+' && !missing;
    if (useWord) {
      expander.spend(word.length());
      out.append(word);
      unset.addAll(wordUnset);
    } else if (!missing) {
      expander.spend(value.length());
      out.append(value);
    }
  }

  private void lookUp(String name, StringBuilder out, Set<String> unset) throws ExpansionException {
    String value = env.get(name);
    if (value == null) {
      unset.add(name);
    } else {
      expander.spend(value.length());
      out.append(value);
    }
  }

  /** A variable name: letters, digits and underscores, or digits, or one special character. */
  private String name() {
    int start = pos;
    if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      return text.substring(start, pos);
    }
    if (pos < text.length() && "@*#?-$!".indexOf(text.charAt(pos)) >= 0) {
      pos++;
      return text.substring(start, pos);
    }
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos);
  }
}
