package io.imagefactory.dockerfile;

import java.util.List;

/**
 * The outcome of analysing one managed image's Dockerfile.
 *
 * @param analysis the bases found, when it succeeded
 * @param error why it failed, naming the file and line where known, when it did not
 * @param sourceRevision the commit the Dockerfile was read at, when known
 * @param buildProblems what is wrong with the image's rebuild target (its workflow file, read at
 *     the same commit, and its inputs), each an {@code images.yaml} error naming the entry and the
 *     field; checked only when the analysis succeeded. The bases are watched all the same.
 */
public record ImageAnalysis(
    String image,
    DockerfileAnalysis analysis,
    String error,
    String sourceRevision,
    List<String> buildProblems) {

  public ImageAnalysis {
    buildProblems = buildProblems == null ? List.of() : List.copyOf(buildProblems);
  }

  public static ImageAnalysis success(String image, DockerfileAnalysis analysis, String revision) {
    return new ImageAnalysis(image, analysis, null, revision, List.of());
  }

  public static ImageAnalysis failure(String image, String error) {
    return new ImageAnalysis(image, null, error, null, List.of());
  }

  /** This analysis with {@code problems} found in the rebuild target. */
  public ImageAnalysis withBuildProblems(List<String> problems) {
    return new ImageAnalysis(image, analysis, error, sourceRevision, problems);
  }

  public boolean succeeded() {
    return error == null;
  }
}
