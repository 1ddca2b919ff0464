package io.imagefactory.staterepo;

import io.imagefactory.dockerfile.ImageAnalysis;
import java.time.Instant;
import java.util.List;

/**
 * Merge {@code images.yaml} with the state files, using these analyses. It is planned afresh on the
 * tip it is applied to, so a concurrent edit of {@code images.yaml} is never overwritten; images
 * without an analysis here keep their discovery results.
 */
public record EnrollmentChange(List<ImageAnalysis> analyses, Instant at) implements StateChange {

  public EnrollmentChange {
    analyses = List.copyOf(analyses);
  }
}
