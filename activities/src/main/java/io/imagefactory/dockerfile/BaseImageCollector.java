package io.imagefactory.dockerfile;

import io.imagefactory.dockerfile.BuildStages.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Collects the images a Dockerfile's stages use, in order: each FROM image (after global ARG
 * substitution), each {@code COPY}/{@code ADD --from} and {@code RUN --mount from=} image. Stage
 * references, {@code scratch}, and references that cannot be resolved are left out; the last become
 * warnings that name the file, the line and the reference as written.
 */
final class BaseImageCollector {

  /** Warnings kept; a hostile file could otherwise produce one per line. */
  static final int MAX_WARNINGS = 100;

  /** An image one instruction uses. */
  record Found(ImageReference reference, String instruction, int line, String stage) {}

  private final String file;
  private final BuildStages stages;
  private final GlobalArgs args;
  private final VariableExpander expander;
  private final ImageReferenceParser parser = new ImageReferenceParser();
  private final List<Found> found = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private int suppressed;

  BaseImageCollector(String file, BuildStages stages, GlobalArgs args, VariableExpander expander) {
    this.file = file;
    this.stages = stages;
    this.args = args;
    this.expander = expander;
  }

  /** Walks every stage; call once, then read {@link #found()} and {@link #warnings()}. */
  void collect() {
    for (Stage stage : stages.stages()) {
      fromImage(stage);
      for (Instruction instruction : stage.body()) {
        String keyword = instruction.keyword();
        if (keyword.equals("COPY") || keyword.equals("ADD")) {
          for (String from : instruction.flagValues("from")) {
            sourceImage(from, instruction, stage);
          }
        } else if (keyword.equals("RUN")) {
          for (String mount : instruction.flagValues("mount")) {
            Optional<String> from = MountOptions.from(mount);
            from.ifPresent(image -> sourceImage(image, instruction, stage));
          }
        }
      }
    }
    if (suppressed > 0) {
      warnings.add(file + ": " + suppressed + " more warnings not shown");
    }
  }

  List<Found> found() {
    return found;
  }

  List<String> warnings() {
    return warnings;
  }

  private void fromImage(Stage stage) {
    String raw = stage.image();
    Expansion expansion;
    try {
      expansion = expander.expand(raw, args.values());
    } catch (ExpansionException e) {
      warn(stage.line(), "FROM", raw, e.getMessage());
      return;
    }
    if (!expansion.complete()) {
      String why =
          expansion.unset().stream()
              .limit(5)
              .map(args::explainUnset)
              .collect(Collectors.joining("; "));
      warn(stage.line(), "FROM", raw, why);
      return;
    }
    String image = expansion.value();
    if (image.isEmpty()) {
      warn(stage.line(), "FROM", raw, "it is empty after ARG substitution");
    } else if (!stages.isEarlierStage(image, stage.index()) && !isScratch(image)) {
      add(image, raw, "FROM", stage.line(), stage.label());
    }
  }

  private void sourceImage(String from, Instruction instruction, Stage stage) {
    String keyword = instruction.keyword();
    if (from.isEmpty() || isScratch(from) || stages.isStage(from)) {
      return;
    }
    if (from.contains("$")) {
      warn(
          instruction.line(),
          keyword,
          from,
          "BuildKit does not expand variables in from;"
              + " define a stage with FROM and a global ARG instead");
    } else if (BuildStages.isNumber(from)) {
      warn(instruction.line(), keyword, from, "there is no stage with that index");
    } else {
      add(from, from, keyword, instruction.line(), stage.label());
    }
  }

  private void add(String image, String raw, String instruction, int line, String stage) {
    try {
      found.add(new Found(parser.parse(image), instruction, line, stage));
    } catch (InvalidImageReferenceException e) {
      String shown = image.equals(raw) ? "" : " (" + Excerpt.of(image) + " after ARG substitution)";
      warn(line, instruction, raw, "invalid image reference" + shown + ": " + e.getMessage());
    }
  }

  private void warn(int line, String instruction, String raw, String reason) {
    if (warnings.size() >= MAX_WARNINGS) {
      suppressed++;
      return;
    }
    warnings.add(
        String.format(
            "%s:%d: %s image \"%s\" skipped: %s",
            file, line, instruction, Excerpt.of(raw), reason));
  }

  private static boolean isScratch(String image) {
    return image.equalsIgnoreCase("scratch");
  }
}
