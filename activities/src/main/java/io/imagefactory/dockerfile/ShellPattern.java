package io.imagefactory.dockerfile;

import io.imagefactory.reference.Excerpt;
import java.util.Arrays;

/**
 * A shell pattern as BuildKit's {@code ${V#p}}, {@code ${V%p}} and {@code ${V/p/r}} read it: {@code
 * ?} is one character, {@code *} any run of characters, neither crossing a line break (BuildKit
 * turns them into the regex {@code .} and {@code .*}); a backslash escapes {@code *}, {@code ?} and
 * itself, and is dropped before {@code /} and {@code }}; there are no brackets. Matching runs every
 * position of the pattern at once over the text, so it never backtracks: its cost, which the
 * expander counts, grows with text length times pattern length whatever the pattern.
 */
final class ShellPattern {

  private static final int STAR = -1;
  private static final int ANY = -2;

  private final int[] tokens;

  private ShellPattern(int[] tokens) {
    this.tokens = tokens;
  }

  static ShellPattern parse(String pattern) throws ExpansionException {
    int[] text = pattern.codePoints().toArray();
    int[] tokens = new int[text.length];
    int count = 0;
    for (int i = 0; i < text.length; i++) {
      int c = text[i];
      if (c == '*') {
        tokens[count++] = STAR;
      } else if (c == '?') {
        tokens[count++] = ANY;
      } else if (c != '\\') {
        tokens[count++] = c;
      } else if (i + 1 < text.length && (text[i + 1] == '}' || text[i + 1] == '/')) {
        continue;
      } else if (i + 1 < text.length && "*?\\".indexOf(text[i + 1]) >= 0) {
        tokens[count++] = text[++i];
      } else {
        throw new ExpansionException(
            "invalid pattern (" + Excerpt.of(pattern) + ") in substitution: invalid escape");
      }
    }
    return new ShellPattern(Arrays.copyOf(tokens, count));
  }

  /** A pattern of {@code text} in which each {@code wildcard} code point stands for any run. */
  static ShellPattern withWildcard(String text, int wildcard) {
    return new ShellPattern(text.codePoints().map(c -> c == wildcard ? STAR : c).toArray());
  }

  /** This pattern read backwards, to match at the end of a reversed text. */
  ShellPattern reversed() {
    int[] reversed = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      reversed[i] = tokens[tokens.length - 1 - i];
    }
    return new ShellPattern(reversed);
  }

  /** True when the pattern matches all of {@code text}. */
  boolean matches(int[] text, VariableExpander cost) throws ExpansionException {
    return prefixEnd(text, 0, true, cost) == text.length;
  }

  /**
   * The end of the shortest or longest match that starts at {@code start}, or -1 when none does.
   */
  int prefixEnd(int[] text, int start, boolean longest, VariableExpander cost)
      throws ExpansionException {
    boolean[] on = new boolean[tokens.length + 1];
    on[0] = true;
    close(on);
    int end = on[tokens.length] ? start : -1;
    for (int pos = start; pos < text.length && (longest || end < 0); pos++) {
      cost.work(tokens.length + 1);
      on = step(on, text[pos]);
      if (on == null) {
        break;
      }
      if (on[tokens.length]) {
        end = pos + 1;
      }
    }
    return end;
  }

  /**
   * The leftmost match at or after {@code from}, and of those the longest, as BuildKit's greedy
   * {@code ${V/p/r}} finds it: {@code {start, end}}, or null when there is none.
   */
  int[] find(int[] text, int from, VariableExpander cost) throws ExpansionException {
    int size = tokens.length + 1;
    // For each position of the pattern, the earliest start of a match in progress there: a later
    // start in the same position can only match where the earlier one does, so it is dropped.
    int[] startAt = new int[size];
    Arrays.fill(startAt, -1);
    int bestStart = -1;
    int bestEnd = -1;
    for (int pos = from; ; pos++) {
      if (bestStart < 0 && startAt[0] < 0) {
        startAt[0] = pos;
      }
      closeStarts(startAt);
      int matched = startAt[tokens.length];
      if (matched >= 0 && (bestStart < 0 || matched <= bestStart)) {
        bestStart = matched;
        bestEnd = pos;
      }
      if (pos >= text.length || (bestStart >= 0 && !alive(startAt, bestStart))) {
        break;
      }
      cost.work(size);
      startAt = stepStarts(startAt, text[pos], bestStart);
    }
    return bestStart < 0 ? null : new int[] {bestStart, bestEnd};
  }

  private void close(boolean[] on) {
    for (int i = 0; i < tokens.length; i++) {
      if (on[i] && tokens[i] == STAR) {
        on[i + 1] = true;
      }
    }
  }

  /** The positions after reading {@code c}, or null when no match can go on. */
  private boolean[] step(boolean[] on, int c) {
    boolean[] next = new boolean[on.length];
    boolean any = false;
    for (int i = 0; i < tokens.length; i++) {
      if (on[i] && accepts(tokens[i], c)) {
        int to = tokens[i] == STAR ? i : i + 1;
        next[to] = true;
        any = true;
      }
    }
    close(next);
    return any ? next : null;
  }

  private void closeStarts(int[] startAt) {
    for (int i = 0; i < tokens.length; i++) {
      if (startAt[i] >= 0 && tokens[i] == STAR) {
        startAt[i + 1] = earlier(startAt[i + 1], startAt[i]);
      }
    }
  }

  private int[] stepStarts(int[] startAt, int c, int bestStart) {
    int[] next = new int[startAt.length];
    Arrays.fill(next, -1);
    for (int i = 0; i < tokens.length; i++) {
      boolean wanted = bestStart < 0 || startAt[i] <= bestStart;
      if (startAt[i] >= 0 && wanted && accepts(tokens[i], c)) {
        int to = tokens[i] == STAR ? i : i + 1;
        next[to] = earlier(next[to], startAt[i]);
      }
    }
    return next;
  }

  /** True while a match that starts no later than {@code start} is in progress. */
  private static boolean alive(int[] startAt, int start) {
    for (int s : startAt) {
      if (s >= 0 && s <= start) {
        return true;
      }
    }
    return false;
  }

  private static boolean accepts(int token, int c) {
    return token == STAR || token == ANY ? c != '\n' : token == c;
  }

  private static int earlier(int a, int b) {
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }
}
