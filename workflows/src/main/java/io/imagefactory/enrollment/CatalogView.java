package io.imagefactory.enrollment;

import io.imagefactory.dockerfile.AnalysisGroup;
import java.util.List;

/**
 * {@code images.yaml} and the state files at one commit, as enrollment needs them.
 *
 * @param errors every validation error of {@code images.yaml}; when any, nothing is changed
 * @param analysisGroups managed images to analyse, grouped by repository
 * @param unchangedImages managed images whose configuration did not change (not analysed)
 * @param externalImages external images (never analysed)
 * @param previousImages images that have a state file at this commit
 * @param previousBases base images that have a state file at this commit
 */
public record CatalogView(
    String commitId,
    List<String> errors,
    List<AnalysisGroup> analysisGroups,
    List<String> unchangedImages,
    List<String> externalImages,
    List<String> previousImages,
    List<String> previousBases) {

  public CatalogView {
    errors = List.copyOf(errors);
    analysisGroups = List.copyOf(analysisGroups);
    unchangedImages = List.copyOf(unchangedImages);
    externalImages = List.copyOf(externalImages);
    previousImages = List.copyOf(previousImages);
    previousBases = List.copyOf(previousBases);
  }
}
