package io.imagefactory.enrollment;

import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Merging of queued requests and the wording of per-image outcomes. */
final class EnrollmentRequests {

  private EnrollmentRequests() {}

  /** One request that does everything the given ones ask for. */
  static EnrollmentRequest merge(List<EnrollmentRequest> requests) {
    Set<String> reasons = new LinkedHashSet<>();
    Set<String> images = new LinkedHashSet<>();
    boolean all = false;
    boolean moved = false;
    for (EnrollmentRequest request : requests) {
      reasons.add(request.reason());
      images.addAll(request.reanalyze());
      all |= request.reanalyzeAll();
      moved |= request.reanalyzeMoved();
    }
    return new EnrollmentRequest(String.join("; ", reasons), List.copyOf(images), all, moved);
  }

  static ImageOutcome outcomeOf(ImageAnalysis analysis) {
    if (!analysis.succeeded()) {
      return new ImageOutcome(analysis.image(), "failed", analysis.error(), List.of());
    }
    String bases =
        analysis.analysis().baseImages().stream()
            .map(BaseImageReference::name)
            .collect(Collectors.joining(", "));
    return withBuildErrors(
        new ImageOutcome(analysis.image(), "analysed", bases, List.of()), analysis.buildProblems());
  }

  /**
   * The outcome of an analysed image with the rebuild-target errors its state file now records:
   * {@code invalid} when there are any, {@code analysed} when there are none. Other outcomes, and a
   * null {@code buildErrors} (the image has no state), leave it as it is.
   */
  static ImageOutcome withBuildErrors(ImageOutcome outcome, List<String> buildErrors) {
    boolean analysed =
        outcome.status().equals("analysed") || outcome.status().equals(ImageOutcome.INVALID);
    if (!analysed || buildErrors == null) {
      return outcome;
    }
    String status = buildErrors.isEmpty() ? "analysed" : ImageOutcome.INVALID;
    return new ImageOutcome(outcome.image(), status, outcome.detail(), buildErrors);
  }
}
