package io.imagefactory.dockerfile;

import io.imagefactory.EditDistance;
import io.imagefactory.reference.Excerpt;
import java.util.List;

/**
 * The instruction-level rules of BuildKit's Dockerfile frontend that decide whether a build can
 * start at all: every keyword is a known instruction, {@code ONBUILD} triggers are neither {@code
 * ONBUILD}, {@code FROM} nor {@code MAINTAINER}, and {@code ENV} and {@code LABEL} give every name
 * a value. A Dockerfile BuildKit refuses is refused here, with BuildKit's words, rather than
 * analysed.
 */
final class InstructionRules {

  /** BuildKit's instructions ({@code frontend/dockerfile/command}), in its order. */
  static final List<String> KEYWORDS =
      List.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");

  private InstructionRules() {}

  /** Refuses an instruction BuildKit would refuse to parse. */
  static void check(String file, Instruction instruction, char escape)
      throws DockerfileSyntaxException {
    String keyword = instruction.keyword();
    if (!KEYWORDS.contains(keyword)) {
      throw new DockerfileSyntaxException(
          file,
          instruction.line(),
          "unknown instruction: " + Excerpt.of(keyword) + suggestion(keyword));
    }
    if (keyword.equals("ONBUILD")) {
      onBuild(file, instruction, escape);
    } else if (keyword.equals("ENV") || keyword.equals("LABEL")) {
      nameValues(file, instruction, escape);
    }
  }

  private static void onBuild(String file, Instruction instruction, char escape)
      throws DockerfileSyntaxException {
    String trigger = instruction.arguments().strip();
    if (trigger.isEmpty()) {
      throw new DockerfileSyntaxException(
          file, instruction.line(), "ONBUILD requires at least one argument");
    }
    Instruction inner = Instruction.of(trigger, instruction.line());
    switch (inner.keyword()) {
      case "ONBUILD" ->
          throw new DockerfileSyntaxException(
              file, instruction.line(), "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
      case "FROM", "MAINTAINER" ->
          throw new DockerfileSyntaxException(
              file, instruction.line(), inner.keyword() + " isn't allowed as an ONBUILD trigger");
      default -> check(file, inner, escape);
    }
  }

  /** BuildKit's {@code parseNameVal}: {@code KEY name value}, or {@code KEY a=1 b=2}. */
  private static void nameValues(String file, Instruction instruction, char escape)
      throws DockerfileSyntaxException {
    String keyword = instruction.keyword();
    String rest = instruction.arguments().strip();
    List<String> words = ShellWords.split(rest, escape);
    if (words.isEmpty()) {
      throw new DockerfileSyntaxException(
          file, instruction.line(), keyword + " requires at least one argument");
    }
    if (!words.get(0).contains("=")) {
      if (rest.split("\\s+", 2).length < 2) {
        throw new DockerfileSyntaxException(
            file, instruction.line(), keyword + " must have two arguments");
      }
      return;
    }
    for (String word : words) {
      if (!word.contains("=")) {
        throw new DockerfileSyntaxException(
            file,
            instruction.line(),
            "Syntax error - can't find = in \""
                + Excerpt.of(word)
                + "\". Must be of the form: name=value");
      }
    }
  }

  /** BuildKit's hint for a misspelt keyword: the instruction within two edits, if any. */
  private static String suggestion(String keyword) {
    if (keyword.length() > 20) {
      return "";
    }
    String best = null;
    int bestDistance = 3;
    for (String known : KEYWORDS) {
      int distance = EditDistance.between(keyword, known);
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean " + best + "?)";
  }
}
