package io.imagefactory.enrollment.request;

import java.util.List;

/**
 * Why an enrollment runs and what it must analyse again.
 *
 * @param reason who or what asked ({@code cli}, {@code git push}, {@code image api rebuilt})
 * @param reanalyze managed images to analyse even if their configuration did not change
 * @param reanalyzeAll analyse every managed image
 * @param reanalyzeMoved also analyse the managed images whose source branch moved past the commit
 *     their state file records ({@code sourceRevision}): a Dockerfile may have changed without a
 *     change to {@code images.yaml}. Costs one fetch per source repository and branch.
 */
public record EnrollmentRequest(
    String reason, List<String> reanalyze, boolean reanalyzeAll, boolean reanalyzeMoved) {

  public EnrollmentRequest {
    reanalyze = reanalyze == null ? List.of() : List.copyOf(reanalyze);
  }

  public EnrollmentRequest(String reason, List<String> reanalyze, boolean reanalyzeAll) {
    this(reason, reanalyze, reanalyzeAll, false);
  }

  public static EnrollmentRequest of(String reason) {
    return new EnrollmentRequest(reason, List.of(), false);
  }

  /** A drift check: analyse again what moved in its source repository. */
  public static EnrollmentRequest drift(String reason) {
    return new EnrollmentRequest(reason, List.of(), false, true);
  }
}
