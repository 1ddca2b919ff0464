package io.imagefactory.dockerfile;

import io.imagefactory.dockerfile.BaseImageCollector.Found;
import io.imagefactory.reference.ImageReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the base images of a Dockerfile with BuildKit's semantics (DESIGN.md §5): the images of
 * FROM, {@code COPY/ADD --from} and {@code RUN --mount from=}, without stage references and {@code
 * scratch}, after global ARG substitution. Pure and thread-safe.
 */
public final class DockerfileAnalyzer {

  /** The largest Dockerfile analysed, in UTF-8 bytes: 1 MiB. */
  public static final int MAX_BYTES = 1024 * 1024;

  /**
   * Analyses one Dockerfile's text.
   *
   * @param fileName used only in messages
   * @param content the Dockerfile text
   * @param buildArgs build args (name to value) that override global ARG defaults; may be null
   * @return the base images in order of first appearance, each once, and warnings for references
   *     that cannot be resolved
   * @throws DockerfileSyntaxException when the Dockerfile is too large or BuildKit would reject it
   */
  public DockerfileAnalysis analyze(String fileName, String content, Map<String, String> buildArgs)
      throws DockerfileSyntaxException {
    if (utf8Length(content) > MAX_BYTES) {
      throw new DockerfileSyntaxException(fileName, 0, "the Dockerfile is larger than 1 MiB");
    }
    ParsedDockerfile parsed = new DockerfileParser(fileName).parse(content);
    BuildStages stages = BuildStages.split(fileName, parsed.instructions());
    VariableExpander expander = new VariableExpander(parsed.escape());
    GlobalArgs args =
        GlobalArgs.resolve(stages.globalArgs(), buildArgs == null ? Map.of() : buildArgs, expander);
    BaseImageCollector collector = new BaseImageCollector(fileName, stages, args, expander);
    collector.collect();
    return new DockerfileAnalysis(baseImages(collector.found()), collector.warnings());
  }

  /**
   * Why an analysis gives enrollment nothing to watch: no base image, though some reference was
   * skipped ({@code FROM $UNSET}, a NUL byte, an expansion bomb). Such an image would never be
   * rebuilt, so enrollment takes it as failed, naming the skipped references. A Dockerfile built
   * only {@code FROM scratch} has no warning and is not flagged.
   *
   * @return {@code app/Dockerfile: no base image found: <warnings>}, or empty
   */
  public static Optional<String> noBaseImageFound(String fileName, DockerfileAnalysis analysis) {
    if (!analysis.baseImages().isEmpty() || analysis.warnings().isEmpty()) {
      return Optional.empty();
    }
    List<String> shown = analysis.warnings().subList(0, Math.min(5, analysis.warnings().size()));
    return Optional.of(
        fileName
            + ": no base image found: every image reference was skipped: "
            + String.join("; ", shown));
  }

  /** One entry per normalised reference, at its first appearance, named uniquely in the file. */
  private static List<BaseImageReference> baseImages(List<Found> found) {
    Map<String, Found> first = new LinkedHashMap<>();
    for (Found image : found) {
      first.putIfAbsent(image.reference().ref(), image);
    }
    Map<String, String> candidates = new HashMap<>();
    first.forEach(
        (ref, image) -> candidates.put(ref, BaseImageNamer.candidateName(image.reference())));
    Map<String, String> names = BaseImageNames.assign(Map.of(), candidates);
    List<BaseImageReference> baseImages = new ArrayList<>();
    first.forEach(
        (ref, image) -> {
          ImageReference reference = image.reference();
          baseImages.add(
              new BaseImageReference(
                  ref,
                  names.get(ref),
                  reference.registry(),
                  reference.repository(),
                  reference.tag(),
                  reference.digest(),
                  image.instruction(),
                  image.line(),
                  image.stage(),
                  reference.digest() != null));
        });
    return baseImages;
  }

  private static long utf8Length(String text) {
    if (text.length() > MAX_BYTES) {
      return text.length();
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch < 0x80) {
        bytes++;
      } else if (ch < 0x800) {
        bytes += 2;
      } else if (Character.isSurrogate(ch)) {
        bytes += 2;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
