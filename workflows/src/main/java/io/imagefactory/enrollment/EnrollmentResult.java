package io.imagefactory.enrollment;

import java.util.List;

/**
 * The outcome of an enrollment.
 *
 * @param commitId the state-repository commit holding the result (the tip when nothing changed)
 * @param committed true when the enrollment made a commit
 * @param errors validation errors of {@code images.yaml} or a rejected commit; nothing changed
 * @param deployment what Argo CD reported for the commit, or why the wait was skipped
 * @param stateProblems entries of the committed state that Kargo cannot watch, left out of the
 *     manifests, each naming file, entry and field; they need fixing in {@code images.yaml}
 */
public record EnrollmentResult(
    String commitId,
    boolean committed,
    List<ImageOutcome> images,
    List<String> errors,
    String deployment,
    List<String> stateProblems) {

  public EnrollmentResult {
    images = List.copyOf(images);
    errors = List.copyOf(errors);
    stateProblems = stateProblems == null ? List.of() : List.copyOf(stateProblems);
  }

  public EnrollmentResult(
      String commitId,
      boolean committed,
      List<ImageOutcome> images,
      List<String> errors,
      String deployment) {
    this(commitId, committed, images, errors, deployment, List.of());
  }
}
