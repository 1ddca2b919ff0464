package io.imagefactory.dockerfile;

import io.imagefactory.reference.Excerpt;
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

  /** BuildKit keeps escapes in a pattern and a replacement, so that they can escape * and ?. */
  private boolean raw;

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
          if (raw) {
            out.append(ch);
          }
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
        if (raw) {
          out.append(ch);
        }
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
    } else if (op == '/') {
      replace(name, out, unset, depth);
      return;
    }
    if (op == END) {
      throw new ExpansionException("missing '}'");
    }
    if (op == '-' || op == '+' || op == '?') {
      modifier(name, op, colon, out, unset, depth);
    } else if (op == '#' || op == '%') {
      trim(name, op, out, unset, depth);
    } else {
      throw new ExpansionException(
          "unsupported modifier ("
              + (colon ? ":" : "")
              + Excerpt.of(String.valueOf(op))
              + ") in substitution");
    }
  }

  private void modifier(
      String name, char op, boolean colon, StringBuilder out, Set<String> unset, int depth)
      throws ExpansionException {
    Set<String> wordUnset = new LinkedHashSet<>();
    String word = word('}', false, wordUnset, depth);
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

  /** {@code ${V#p}}, {@code ${V##p}}, {@code ${V%p}}, {@code ${V%%p}}: BuildKit's trims. */
  private void trim(String name, char op, StringBuilder out, Set<String> unset, int depth)
      throws ExpansionException {
    Set<String> wordUnset = new LinkedHashSet<>();
    String word = word('}', true, wordUnset, depth);
    // As BuildKit decides it: after expansion, a pattern that starts with the operator again is
    // the longest match (## and %%).
    boolean longest = !word.isEmpty() && word.charAt(0) == op;
    ShellPattern pattern = ShellPattern.parse(longest ? word.substring(1) : word);
    String value = valueForPattern(name, unset, wordUnset);
    if (value == null) {
      return;
    }
    int[] chars = value.codePoints().toArray();
    String result = value;
    if (op == '#') {
      int end = pattern.prefixEnd(chars, 0, longest, expander);
      if (end >= 0) {
        result = new String(chars, end, chars.length - end);
      }
    } else {
      int[] reversed = reverse(chars);
      int end = pattern.reversed().prefixEnd(reversed, 0, longest, expander);
      if (end >= 0) {
        result = new String(chars, 0, chars.length - end);
      }
    }
    expander.spend(result.length());
    out.append(result);
  }

  /** {@code ${V/p/r}} (the first, longest match) and {@code ${V//p/r}} (every match). */
  private void replace(String name, StringBuilder out, Set<String> unset, int depth)
      throws ExpansionException {
    boolean all = pos < text.length() && text.charAt(pos) == '/';
    if (all) {
      pos++;
    }
    Set<String> wordUnset = new LinkedHashSet<>();
    String patternText = word('/', true, wordUnset, depth);
    String replacement = word('}', true, wordUnset, depth);
    ShellPattern pattern = ShellPattern.parse(patternText);
    String value = valueForPattern(name, unset, wordUnset);
    if (value == null) {
      return;
    }
    int[] chars = value.codePoints().toArray();
    StringBuilder result = new StringBuilder();
    int copied = 0;
    int search = 0;
    // Go's ReplaceAllString, which BuildKit calls: no empty match right after a match, and the
    // search moves on by at least one character.
    while (search <= chars.length) {
      int[] match = pattern.find(chars, search, expander);
      if (match == null) {
        break;
      }
      result.append(new String(chars, copied, match[0] - copied));
      if (match[1] > copied || match[0] == 0) {
        expander.spend(replacement.length());
        result.append(replacement);
      }
      copied = match[1];
      search = search + 1 > match[1] ? search + 1 : match[1];
      if (!all) {
        break;
      }
    }
    result.append(new String(chars, copied, chars.length - copied));
    expander.spend(result.length());
    out.append(result);
  }

  /** The value a pattern applies to; null (and the name unset) when the variable has none. */
  private String valueForPattern(String name, Set<String> unset, Set<String> wordUnset) {
    unset.addAll(wordUnset);
    String value = env.get(name);
    if (value == null) {
      unset.add(name);
    }
    return value;
  }

  /** The word of a modifier, up to {@code stop}; nesting is bounded. */
  private String word(char stop, boolean rawEscapes, Set<String> wordUnset, int depth)
      throws ExpansionException {
    if (depth >= VariableExpander.MAX_NESTING) {
      throw new ExpansionException(
          "substitutions nested more than " + VariableExpander.MAX_NESTING + " deep");
    }
    boolean outer = raw;
    raw = rawEscapes;
    try {
      return until(stop, wordUnset, depth + 1);
    } finally {
      raw = outer;
    }
  }

  private static int[] reverse(int[] chars) {
    int[] reversed = new int[chars.length];
    for (int i = 0; i < chars.length; i++) {
      reversed[i] = chars[chars.length - 1 - i];
    }
    return reversed;
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
