package io.imagefactory.enrollment;

import java.util.List;

/**
 * The outcome of an enrollment.
 *
 * @param commitId the state-repository commit holding the result (the tip when nothing changed)
 * @param committed true when the enrollment made a commit
 * @param errors validation errors of {@code images.yaml} or a rejected commit; nothing changed
 * @param deployment what Argo CD reported for the commit, or why the wait was skipped
 */
public record EnrollmentResult(
    String commitId,
    boolean committed,
    List<ImageOutcome> images,
    List<String> errors,
    String deployment) {

  public EnrollmentResult {
    images = List.copyOf(images);
    errors = List.copyOf(errors);
  }
}
