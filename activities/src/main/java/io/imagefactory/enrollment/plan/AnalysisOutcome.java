package io.imagefactory.enrollment.plan;

import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.github.RebuildTargetValidator;
import java.util.List;

/**
 * What came of analysing one managed image's Dockerfile, as the planner takes it: the bases found,
 * a failure (the previous bases stay watched), or no analysis at all (the state stays as it is).
 */
public sealed interface AnalysisOutcome {

  /**
   * The Dockerfile was read and analysed.
   *
   * @param buildProblems what is wrong with the rebuild target, as far as it could be checked where
   *     the Dockerfile was read ({@link RebuildTargetValidator#problems})
   * @param sourceRevision the commit the Dockerfile was read at, or null when not known
   */
  record Success(DockerfileAnalysis analysis, List<String> buildProblems, String sourceRevision)
      implements AnalysisOutcome {

    public Success {
      buildProblems = buildProblems == null ? List.of() : List.copyOf(buildProblems);
    }

    public Success(DockerfileAnalysis analysis, List<String> buildProblems) {
      this(analysis, buildProblems, null);
    }
  }

  /** The Dockerfile could not be read or analysed; {@code reason} names file and line if known. */
  record Failure(String reason) implements AnalysisOutcome {}

  /** The Dockerfile was not looked at this time (a remote source offline, say). */
  record NotAnalysed(String reason) implements AnalysisOutcome {}

  /** The outcome an analysis activity reported. */
  public static AnalysisOutcome of(ImageAnalysis analysis) {
    return analysis.succeeded()
        ? new Success(analysis.analysis(), analysis.buildProblems(), analysis.sourceRevision())
        : failure(analysis.error());
  }

  static AnalysisOutcome success(DockerfileAnalysis analysis) {
    return new Success(analysis, List.of());
  }

  static AnalysisOutcome success(DockerfileAnalysis analysis, List<String> buildProblems) {
    return new Success(analysis, buildProblems);
  }

  static AnalysisOutcome failure(String reason) {
    return new Failure(reason);
  }

  static AnalysisOutcome notAnalysed(String reason) {
    return new NotAnalysed(reason);
  }
}
