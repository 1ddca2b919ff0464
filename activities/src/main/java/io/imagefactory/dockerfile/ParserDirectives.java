package io.imagefactory.dockerfile;

import io.imagefactory.reference.Excerpt;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the parser directives ({@code # escape=`}, {@code # syntax=...}, {@code # check=...}) at
 * the top of a Dockerfile. As in BuildKit, the first line that is not a known directive (an
 * instruction, a plain comment, a blank line) ends them; a directive-like comment after that is
 * just a comment.
 */
final class ParserDirectives {

  private static final Set<String> KNOWN = Set.of("escape", "syntax", "check");

  private final String file;
  private final Set<String> seen = new HashSet<>();
  private boolean done;
  private char escape = '\\';

  ParserDirectives(String file) {
    this.file = file;
  }

  /** The escape character: backslash unless an {@code escape} directive chose the backtick. */
  char escape() {
    return escape;
  }

  /** Looks at one source line (leading whitespace removed) while directives may still appear. */
  void read(String line, int lineNumber) throws DockerfileSyntaxException {
    if (done) {
      return;
    }
    String[] directive = parse(line);
    if (directive == null || !KNOWN.contains(directive[0])) {
      done = true;
      return;
    }
    String name = directive[0];
    if (!seen.add(name)) {
      throw new DockerfileSyntaxException(
          file, lineNumber, "only one " + name + " parser directive can be used");
    }
    if (name.equals("escape")) {
      String value = directive[1];
      if (!value.equals("`") && !value.equals("\\")) {
        throw new DockerfileSyntaxException(
            file,
            lineNumber,
            "invalid escape token '" + Excerpt.of(value) + "' does not match ` or \\");
      }
      escape = value.charAt(0);
    }
  }

  /**
   * {@code # name = value} as {name in lower case, value}, or null; hand-written to stay linear.
   */
  private static String[] parse(String line) {
    if (!line.startsWith("#")) {
      return null;
    }
    int pos = skipSpaces(line, 1);
    int nameStart = pos;
    if (pos >= line.length() || !isAsciiLetter(line.charAt(pos))) {
      return null;
    }
    while (pos < line.length()
        && (isAsciiLetter(line.charAt(pos)) || isAsciiDigit(line.charAt(pos)))) {
      pos++;
    }
    String name = line.substring(nameStart, pos).toLowerCase(Locale.ROOT);
    pos = skipSpaces(line, pos);
    if (pos >= line.length() || line.charAt(pos) != '=') {
      return null;
    }
    String value = line.substring(skipSpaces(line, pos + 1)).strip();
    return value.isEmpty() ? null : new String[] {name, value};
  }

  private static int skipSpaces(String line, int from) {
    int pos = from;
    while (pos < line.length() && " \t\f\r".indexOf(line.charAt(pos)) >= 0) {
      pos++;
    }
    return pos;
  }

  private static boolean isAsciiLetter(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
  }

  private static boolean isAsciiDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }
}
