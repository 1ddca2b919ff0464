package io.imagefactory.dockerfile;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Expands one word the way BuildKit's shell lexer does: quotes are removed, the escape character
 * applies, and {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-word}}, {@code ${NAME-word}}, {@code
 * ${NAME:+word}}, {@code ${NAME+word}}, {@code ${NAME:?message}} and {@code ${NAME?message}} are
 * substituted. Unlike BuildKit, a name without a value is reported instead of silently becoming
 * empty. Each character is read once, nesting is bounded, and one expander produces at most {@link
 * #MAX_OUTPUT} characters in all (ARGs that double each other would otherwise grow exponentially),
 * so hostile input stays cheap. Use one expander per analysis.
 */
final class VariableExpander {

  /** Deepest {@code ${A:-${B:-...}}} nesting accepted; real Dockerfiles use one or two levels. */
  static final int MAX_NESTING = 16;

  /** Characters one expander may produce over all its words. */
  static final long MAX_OUTPUT = 8L * 1024 * 1024;

  /** Pattern steps (text characters times pattern positions) one expander may spend. */
  static final long MAX_WORK = 50_000_000L;

  private final char escape;
  private long remaining = MAX_OUTPUT;
  private long workLeft = MAX_WORK;

  VariableExpander(char escape) {
    this.escape = escape;
  }

  char escape() {
    return escape;
  }

  Expansion expand(String word, Map<String, String> env) throws ExpansionException {
    Set<String> unset = new LinkedHashSet<>();
    String value = new WordScan(word, env, this).until(WordScan.END, unset, 0);
    return new Expansion(value, unset);
  }

  /** Counts characters produced; fails once this expander has produced too many. */
  void spend(int characters) throws ExpansionException {
    remaining -= characters;
    if (remaining < 0) {
      throw new ExpansionException("ARG values expand to more than " + MAX_OUTPUT + " characters");
    }
  }

  /** Counts pattern-matching steps; fails once this expander has spent too many. */
  void work(long steps) throws ExpansionException {
    workLeft -= steps;
    if (workLeft < 0) {
      throw new ExpansionException(
          "pattern substitutions take more than " + MAX_WORK + " steps to match");
    }
  }
}
