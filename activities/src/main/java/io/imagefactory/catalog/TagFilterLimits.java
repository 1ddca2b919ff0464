package io.imagefactory.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The size limits a tag filter must meet before RE2/J compiles it. RE2/J matches in linear time
 * but, unlike Go, expands counted repetitions without a bound: {@code ((a{1000}){1000}){1000}}
 * would fill the heap. So, in one linear scan and before anything is compiled: nested counted
 * repetitions whose counts multiply past 1000 are refused as Go refuses them ({@code invalid repeat
 * count}, so Kargo refuses them too), and a regex longer than {@value #MAX_LENGTH} characters or
 * compiling to more than about {@value #MAX_SIZE} instructions is refused as Image Factory's own
 * limit (far above any real tag filter, far below Go's 3.3 million, and small enough that one match
 * of a 128-character tag stays in the milliseconds).
 *
 * <p>The scan only estimates; syntax errors are left to RE2/J, which reports them in Go's words.
 */
final class TagFilterLimits {

  static final int MAX_LENGTH = 1024;
  static final long MAX_SIZE = 20_000;

  /** Go's {@code maxRepeat}: the most copies nested counted repetitions may make. */
  static final long MAX_REPEAT = 1000;

  private TagFilterLimits() {}

  /** What is too large about {@code regex}, or empty. */
  static Optional<String> problem(String regex) {
    if (regex.length() > MAX_LENGTH) {
      return Optional.of(
          "is "
              + regex.length()
              + " characters long; Image Factory accepts tag filters of at most "
              + MAX_LENGTH);
    }
    Group top = scan(regex);
    if (top.product() > MAX_REPEAT) {
      return Optional.of(
          "repeats nested counted repetitions "
              + top.product()
              + " times, more than Go's limit of "
              + MAX_REPEAT
              + " (error parsing regexp: invalid repeat count); Kargo would refuse it too");
    }
    if (top.size() > MAX_SIZE) {
      return Optional.of(
          "compiles to about "
              + top.size()
              + " instructions, more than Image Factory's limit of "
              + MAX_SIZE
              + " for a tag filter; write the repetition shorter");
    }
    return Optional.empty();
  }

  private static Group scan(String regex) {
    Deque<Group> open = new ArrayDeque<>();
    Group group = new Group();
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          int end = escapeEnd(regex, i);
          group.atom(end - i > 2 && regex.charAt(i + 1) == 'Q' ? end - i - 4 : 1, 0);
          i = end;
        }
        case '[' -> {
          group.atom(1, 0);
          i = classEnd(regex, i);
        }
        case '(' -> {
          int flags = flagsEnd(regex, i);
          if (flags > 0) {
            i = flags;
          } else {
            open.push(group);
            group = new Group();
            i++;
          }
        }
        case ')' -> {
          if (open.isEmpty()) {
            group.atom(1, 0);
          } else {
            Group closed = group;
            group = open.pop();
            group.atom(2 + closed.size(), closed.product());
          }
          i++;
        }
        case '|' -> {
          group.alternative();
          i++;
        }
        case '*' -> {
          group.repeatLast(0, -1, false);
          i++;
        }
        case '+', '?' -> {
          group.repeatLast(c == '+' ? 1 : 0, 1, false);
          i++;
        }
        case '{' -> {
          int[] counts = counts(regex, i);
          if (counts == null) {
            group.atom(1, 0);
            i++;
          } else {
            group.repeatLast(counts[0], counts[1], true);
            i = counts[2];
          }
        }
        default -> {
          group.atom(1, 0);
          i++;
        }
      }
    }
    while (!open.isEmpty()) {
      Group closed = group;
      group = open.pop();
      group.atom(2 + closed.size(), closed.product());
    }
    group.close();
    return group;
  }

  /**
   * The index after the escape at {@code i}: {@code \x}, {@code \x{...}}, {@code \p{...}}, {@code
   * \Q...\E}.
   */
  private static int escapeEnd(String regex, int i) {
    if (i + 1 >= regex.length()) {
      return regex.length();
    }
    char kind = regex.charAt(i + 1);
    if (kind == 'Q') {
      int end = regex.indexOf("\\E", i + 2);
      return end < 0 ? regex.length() : end + 2;
    }
    if ((kind == 'x' || kind == 'p' || kind == 'P')
        && i + 2 < regex.length()
        && regex.charAt(i + 2) == '{') {
      int end = regex.indexOf('}', i + 3);
      return end < 0 ? regex.length() : end + 1;
    }
    return i + 2;
  }

  /** The index after the character class opening at {@code i}. */
  private static int classEnd(String regex, int i) {
    int j = i + 1;
    if (j < regex.length() && regex.charAt(j) == '^') {
      j++;
    }
    if (j < regex.length() && regex.charAt(j) == ']') {
      j++;
    }
    while (j < regex.length() && regex.charAt(j) != ']') {
      if (regex.charAt(j) == '\\') {
        j = escapeEnd(regex, j);
      } else if (regex.startsWith("[:", j) && regex.indexOf(":]", j + 2) > 0) {
        j = regex.indexOf(":]", j + 2) + 2;
      } else {
        j++;
      }
    }
    return Math.min(regex.length(), j + 1);
  }

  /** The index after a flag group such as {@code (?i)}, or 0 when {@code i} opens a group. */
  private static int flagsEnd(String regex, int i) {
    if (!regex.startsWith("(?", i)) {
      return 0;
    }
    for (int j = i + 2; j < regex.length(); j++) {
      char c = regex.charAt(j);
      if (c == ')') {
        return j + 1;
      }
      if (!Character.isLetter(c) && c != '-') {
        return 0;
      }
    }
    return 0;
  }

  /**
   * {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code i} as {min, max (-1: none), end}; else
   * null.
   */
  private static int[] counts(String regex, int i) {
    int close = regex.indexOf('}', i);
    if (close < 0 || close - i > 12) {
      return null;
    }
    String body = regex.substring(i + 1, close);
    int comma = body.indexOf(',');
    String min = comma < 0 ? body : body.substring(0, comma);
    String max = comma < 0 ? body : body.substring(comma + 1);
    if (!digits(min) || (!max.isEmpty() && !digits(max))) {
      return null;
    }
    return new int[] {Integer.parseInt(min), max.isEmpty() ? -1 : Integer.parseInt(max), close + 1};
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().allMatch(ch -> ch >= '0' && ch <= '9');
  }

  /**
   * One parenthesised part being scanned: its estimated size (as Go's {@code calcSize} counts
   * instructions) and the largest product of nested counted repetitions in it.
   */
  private static final class Group {
    private long alternatives;
    private int branches;
    private long branch;
    private long product;
    private long lastSize = -1;
    private long lastProduct;

    void atom(long size, long atomProduct) {
      commitLast();
      lastSize = Math.max(1, size);
      lastProduct = atomProduct;
    }

    /**
     * Applies a repetition to the last atom; a repetition with nothing before it is left to RE2/J.
     */
    void repeatLast(int min, int max, boolean counted) {
      if (lastSize < 0) {
        return;
      }
      long sub = lastSize;
      if (max == -1) {
        lastSize = min == 0 ? 2 + sub : 1 + saturated(min, sub);
      } else {
        lastSize = saturated(max, sub) + (max - min);
      }
      int copies = max == -1 ? min : max;
      if (counted && copies >= 2) {
        lastProduct = saturated(copies, Math.max(1, lastProduct));
      } else if (counted && copies == 0) {
        lastProduct = 0;
      }
    }

    void alternative() {
      commitLast();
      alternatives = saturatedAdd(alternatives, branch);
      branches++;
      branch = 0;
    }

    void close() {
      commitLast();
    }

    long size() {
      commitLast();
      return saturatedAdd(saturatedAdd(alternatives, branch), branches);
    }

    long product() {
      commitLast();
      return product;
    }

    private void commitLast() {
      if (lastSize >= 0) {
        branch = saturatedAdd(branch, lastSize);
        product = Math.max(product, lastProduct);
        lastSize = -1;
        lastProduct = 0;
      }
    }

    private static long saturated(long a, long b) {
      return a != 0 && b > Long.MAX_VALUE / 4 / a ? Long.MAX_VALUE / 4 : a * b;
    }

    private static long saturatedAdd(long a, long b) {
      return Math.min(Long.MAX_VALUE / 4, a + b);
    }
  }
}
