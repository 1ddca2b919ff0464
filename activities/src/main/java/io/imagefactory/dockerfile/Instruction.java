package io.imagefactory.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Dockerfile instruction after line continuations are joined.
 *
 * @param keyword the instruction keyword in upper case ({@code FROM}, {@code COPY})
 * @param flags the leading {@code --flags} without their dashes ({@code from=build}), quotes
 *     removed
 * @param arguments the rest of the instruction, raw
 * @param line the 1-based line on which the instruction starts
 */
record Instruction(String keyword, List<String> flags, String arguments, int line) {

  Instruction {
    flags = List.copyOf(flags);
  }

  /**
   * Splits a logical line into keyword, flags and arguments, as BuildKit's {@code splitCommand}.
   */
  static Instruction of(String logicalLine, int line) {
    String text = logicalLine.strip();
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String keyword = text.substring(0, end).toUpperCase(Locale.ROOT);
    BuilderFlags.Split split = BuilderFlags.split(text.substring(end));
    return new Instruction(keyword, split.flags(), split.rest(), line);
  }

  /** The values of every {@code --name=value} flag, in order. */
  List<String> flagValues(String name) {
    String prefix = name + "=";
    List<String> values = new ArrayList<>();
    for (String flag : flags) {
      if (flag.startsWith(prefix)) {
        values.add(flag.substring(prefix.length()));
      }
    }
    return values;
  }
}
