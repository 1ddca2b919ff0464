package io.imagefactory.catalog;

import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;

/**
 * What came of analysing one managed image's Dockerfile, as the planner takes it: the bases found,
 * a failure (the previous bases stay watched), or no analysis at all (the state stays as it is).
 */
public sealed interface AnalysisOutcome {

  /** The Dockerfile was read and analysed. */
  record Success(DockerfileAnalysis analysis) implements AnalysisOutcome {}

  /** The Dockerfile could not be read or analysed; {@code reason} names file and line if known. */
  record Failure(String reason) implements AnalysisOutcome {}

  /** The Dockerfile was not looked at this time (a remote source offline, say). */
  record NotAnalysed(String reason) implements AnalysisOutcome {}

  /** The outcome an analysis activity reported. */
  public static AnalysisOutcome of(ImageAnalysis analysis) {
    return analysis.succeeded() ? success(analysis.analysis()) : failure(analysis.error());
  }

  static AnalysisOutcome success(DockerfileAnalysis analysis) {
    return new Success(analysis);
  }

  static AnalysisOutcome failure(String reason) {
    return new Failure(reason);
  }

  static AnalysisOutcome notAnalysed(String reason) {
    return new NotAnalysed(reason);
  }
}
