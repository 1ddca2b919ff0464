package io.imagefactory.dockerfile;

import java.util.List;

/** Renders analysis results as one line per base image, so tests can compare whole lists. */
final class AnalysisRows {

  private AnalysisRows() {}

  /** {@code line instruction stage ref name [pinned]} for each base image, in order. */
  static List<String> rows(DockerfileAnalysis analysis) {
    return analysis.baseImages().stream().map(AnalysisRows::row).toList();
  }

  /** The normalised refs, in order. */
  static List<String> refs(DockerfileAnalysis analysis) {
    return analysis.baseImages().stream().map(BaseImageReference::ref).toList();
  }

  private static String row(BaseImageReference image) {
    String row =
        image.line()
            + " "
            + image.instruction()
            + " "
            + image.stage()
            + " "
            + image.ref()
            + " "
            + image.name();
    return image.pinned() ? row + " pinned" : row;
  }
}
