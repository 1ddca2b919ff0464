package io.imagefactory.dockerfile;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Expands one word the way BuildKit's shell lexer does: quotes are removed, the escape character
 * applies, and {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}},
 * {@code ${NAME:+word}}, {@code ${NAME+word}}, {@code ${NAME:?message}} and {@code ${NAME?message}}
 * are substituted. Unlike BuildKit, a name without a value is reported instead of silently becoming
 * empty. Each character is read once, nesting is bounded, and one expander produces at most
 * {@link #MAX_OUTPUT} characters in all (ARGs that double each other would otherwise grow
 * exponentially), so hostile input stays cheap. Use one expander per analysis.
 */
final class VariableExpander {

  /** Deepest {@code ${A:-${B:-...}}} nesting accepted; real Dockerfiles use one or two levels. */
  static final int MAX_NESTING = 16;

  /** Characters one expander may produce over all its words. */
  static final long MAX_OUTPUT = 8L * 1024 * 1024;

  private static final char END = 0;

  private final char escape;
  private long remaining = MAX_OUTPUT;

  VariableExpander(char escape) {
    this.escape = escape;
  }

  char escape() {
    return escape;
  }

  Expansion expand(String word, Map<String, String> env) throws ExpansionException {
    Set<String> unset = new LinkedHashSet<>();
    String value = new Scan(word, env).until(END, unset, 0);
    return new Expansion(value, unset);
  }

  private void spend(int characters) throws ExpansionException {
    remaining -= characters;
    if (remaining < 0) {
      throw new ExpansionException("ARG values expand to more than " + MAX_OUTPUT + " characters");
    }
  }

  /** One pass over one word. */
  private final class Scan {
    private final String text;
    private final Map<String, String> env;
    private int pos;

    Scan(String text, Map<String, String> env) {
      this.text = text;
      this.env = env;
    }

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

    private void dollar(StringBuilder out, Set<String> unset, int depth)
        throws ExpansionException {
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
      if (depth >= MAX_NESTING) {
        throw new ExpansionException("substitutions nested more than " + MAX_NESTING + " deep");
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
        spend(word.length());
        out.append(word);
        unset.addAll(wordUnset);
      } else if (!missing) {
        spend(value.length());
        out.append(value);
      }
    }

    private void lookUp(String name, StringBuilder out, Set<String> unset)
        throws ExpansionException {
      String value = env.get(name);
      if (value == null) {
        unset.add(name);
      } else {
        spend(value.length());
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
}
