package io.imagefactory.dockerfile;

/**
 * The outcome of analysing one managed image's Dockerfile.
 *
 * @param analysis the bases found, when it succeeded
 * @param error why it failed, naming the file and line where known, when it did not
 * @param sourceRevision the commit the Dockerfile was read at, when known
 */
public record ImageAnalysis(
    String image, DockerfileAnalysis analysis, String error, String sourceRevision) {

  public static ImageAnalysis success(String image, DockerfileAnalysis analysis, String revision) {
    return new ImageAnalysis(image, analysis, null, revision);
  }

  public static ImageAnalysis failure(String image, String error) {
    return new ImageAnalysis(image, null, error, null);
  }

  public boolean succeeded() {
    return error == null;
  }
}
