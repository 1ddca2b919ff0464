package io.imagefactory.dockerfile;

import io.imagefactory.reference.Excerpt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Dockerfile's global ARG instructions and its build stages, checked against BuildKit's rules:
 * only ARG may come before the first FROM, there is at least one FROM, each FROM is {@code FROM
 * [--flags] image [AS name]}, and stage names are valid. A stage name used twice is, as in
 * BuildKit, only a warning: a later reference means the latest stage of that name.
 */
final class BuildStages {

  /** One build stage: the FROM that starts it and the instructions that follow. */
  record Stage(int index, String alias, String image, int line, List<Instruction> body) {

    /** The stage as output names it: its alias, or its 0-based index when it has none. */
    String label() {
      return alias != null ? alias : Integer.toString(index);
    }
  }

  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9_.-]*");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<Instruction> globalArgs = new ArrayList<>();
  private final List<Stage> stages = new ArrayList<>();

  /** The first stage of each name: a FROM names a stage when any stage of that name precedes it. */
  private final Map<String, Stage> byAlias = new HashMap<>();

  private final List<Warning> warnings = new ArrayList<>();

  /** Something BuildKit would build but warns about, at a line. */
  record Warning(int line, String message) {}

  private BuildStages() {}

  static BuildStages split(String file, List<Instruction> instructions)
      throws DockerfileSyntaxException {
    if (instructions.isEmpty()) {
      throw new DockerfileSyntaxException(file, 0, "the Dockerfile has no instructions");
    }
    BuildStages result = new BuildStages();
    List<Instruction> body = null;
    for (Instruction instruction : instructions) {
      if (instruction.keyword().equals("FROM")) {
        body = new ArrayList<>();
        result.addStage(file, instruction, body);
      } else if (body != null) {
        body.add(instruction);
      } else if (instruction.keyword().equals("ARG")) {
        result.globalArgs.add(instruction);
      } else {
        throw new DockerfileSyntaxException(
            file,
            instruction.line(),
            Excerpt.of(instruction.keyword())
                + " instruction before the first FROM (only ARG may come before it)");
      }
    }
    if (result.stages.isEmpty()) {
      throw new DockerfileSyntaxException(
          file, 0, "no FROM instruction: the Dockerfile has no build stage");
    }
    return result;
  }

  private void addStage(String file, Instruction from, List<Instruction> body)
      throws DockerfileSyntaxException {
    String arguments = from.arguments().strip();
    String[] words = arguments.isEmpty() ? new String[0] : WHITESPACE.split(arguments);
    if (words.length == 0) {
      throw new DockerfileSyntaxException(file, from.line(), "FROM requires an image");
    }
    if (words.length == 2
        || words.length > 3
        || (words.length == 3 && !words[1].equalsIgnoreCase("AS"))) {
      throw new DockerfileSyntaxException(
          file,
          from.line(),
          "FROM takes an image and optionally AS <name>: FROM " + Excerpt.of(arguments));
    }
    String alias = null;
    if (words.length == 3) {
      alias = words[2].toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(alias).matches()) {
        throw new DockerfileSyntaxException(
            file,
            from.line(),
            "invalid stage name "
                + Excerpt.of(words[2])
                + ": it must start with a letter and use only letters, digits, '-', '_' and '.'");
      }
      Stage earlier = byAlias.get(alias);
      if (earlier != null) {
        warnings.add(
            new Warning(
                from.line(),
                "duplicate stage name "
                    + Excerpt.of(alias)
                    + " (first defined on line "
                    + earlier.line()
                    + "): stage names should be unique; BuildKit takes a reference to the latest"));
      }
    }
    Stage stage = new Stage(stages.size(), alias, words[0], from.line(), body);
    stages.add(stage);
    if (alias != null) {
      byAlias.putIfAbsent(alias, stage);
    }
  }

  List<Instruction> globalArgs() {
    return globalArgs;
  }

  List<Stage> stages() {
    return stages;
  }

  /** What BuildKit would warn about, in file order. */
  List<Warning> warnings() {
    return warnings;
  }

  /** True when a FROM in stage {@code index} names an earlier stage (case-insensitively). */
  boolean isEarlierStage(String name, int index) {
    Stage stage = byAlias.get(name.toLowerCase(Locale.ROOT));
    return stage != null && stage.index() < index;
  }

  /**
   * True when a {@code --from} names a stage: by alias, or by index. Like BuildKit, any stage of
   * the file counts; referring to a later one is a build error, but never an image.
   */
  boolean isStage(String name) {
    if (byAlias.containsKey(name.toLowerCase(Locale.ROOT))) {
      return true;
    }
    // Nine digits always fit an int; a longer number cannot index a 1 MiB file's stages.
    return isNumber(name) && name.length() <= 9 && Integer.parseInt(name) < stages.size();
  }

  /** True for a non-empty string of ASCII digits, which {@code --from} reads as a stage index. */
  static boolean isNumber(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < '0' || name.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
