package io.imagefactory.enrollment;

import java.util.List;

/**
 * Why an enrollment runs and what it must analyse again.
 *
 * @param reason who or what asked ({@code cli}, {@code git push}, {@code image api rebuilt})
 * @param reanalyze managed images to analyse even if their configuration did not change
 * @param reanalyzeAll analyse every managed image
 */
public record EnrollmentRequest(String reason, List<String> reanalyze, boolean reanalyzeAll) {

  public EnrollmentRequest {
    reanalyze = reanalyze == null ? List.of() : List.copyOf(reanalyze);
  }

  public static EnrollmentRequest of(String reason) {
    return new EnrollmentRequest(reason, List.of(), false);
  }
}
