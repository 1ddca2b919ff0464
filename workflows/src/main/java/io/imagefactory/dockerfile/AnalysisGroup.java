package io.imagefactory.dockerfile;

import java.util.List;

/**
 * The images whose Dockerfiles live in one repository, analysed together so the repository is
 * fetched once.
 *
 * @param repo the source repository as {@code images.yaml} names it; null for the state repository
 * @param stateCommitId for the state repository, the commit to read the Dockerfiles at
 */
public record AnalysisGroup(String repo, String stateCommitId, List<AnalysisTarget> targets) {

  public AnalysisGroup {
    targets = List.copyOf(targets);
  }
}
