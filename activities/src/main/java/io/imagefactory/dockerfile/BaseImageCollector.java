package io.imagefactory.dockerfile;

import io.imagefactory.dockerfile.BuildStages.Stage;
import io.imagefactory.reference.Excerpt;
import io.imagefactory.reference.ImageReference;
import io.imagefactory.reference.ImageReferenceParser;
import io.imagefactory.reference.InvalidImageReferenceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** Stands for an unknown platform value while a FROM is matched against stage names. */
  private static final char WILDCARD = '\uE000';

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
    for (BuildStages.Warning warning : stages.warnings()) {
      warn(warning.line(), warning.message());
    }
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
      if (namesEarlierStageOnEveryPlatform(raw, expansion, stage)) {
        return;
      }
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

  /**
   * True for a FROM such as {@code build-${TARGETOS}} whose only unknown values are automatic
   * platform ARGs and which, whatever they are, can only name earlier stages: the platform ARGs are
   * read as wildcards, and at least one earlier stage matches. Such a FROM picks a stage per
   * platform and no image depends on it. The matching is counted against the expander's budget;
   * past it, the FROM is reported as usual.
   */
  private boolean namesEarlierStageOnEveryPlatform(String raw, Expansion expansion, Stage stage) {
    if (raw.indexOf(WILDCARD) >= 0
        || !expansion.unset().stream().allMatch(args::isUnsetPlatformArg)) {
      return false;
    }
    Map<String, String> wildcards = new HashMap<>(args.values());
    expansion.unset().forEach(name -> wildcards.put(name, String.valueOf(WILDCARD)));
    try {
      String expanded = expander.expand(raw, wildcards).value().toLowerCase(Locale.ROOT);
      ShellPattern pattern = ShellPattern.withWildcard(expanded, WILDCARD);
      for (Stage earlier : stages.stages().subList(0, stage.index())) {
        if (earlier.alias() != null
            && pattern.matches(earlier.alias().codePoints().toArray(), expander)) {
          return true;
        }
      }
    } catch (ExpansionException e) {
      return false;
    }
    return false;
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
    warn(line, String.format("%s image \"%s\" skipped: %s", instruction, Excerpt.of(raw), reason));
  }

  private void warn(int line, String message) {
    if (warnings.size() >= MAX_WARNINGS) {
      suppressed++;
      return;
    }
    warnings.add(file + ":" + line + ": " + message);
  }

  private static boolean isScratch(String image) {
    return image.equalsIgnoreCase("scratch");
  }
}
