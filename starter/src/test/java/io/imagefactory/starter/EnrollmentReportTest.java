package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.ImageOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnrollmentReportTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          analysed  | api       | golang-1.23-bookworm, distroless | '  analysed  api        golang-1.23-bookworm, distroless'
          failed    | web       | Dockerfile:3: FROM without image | '  failed    web        Dockerfile:3: FROM without image'
          unchanged | reports   | ''                               | '  unchanged reports'
          external  | a-very-long-name | ''                        | '  external  a-very-long-name'
          """)
  void writesOneAlignedLinePerImage(String status, String image, String detail, String line) {
    assertThat(EnrollmentReport.outcomeLine(new ImageOutcome(image, status, detail, List.of())))
        .isEqualTo(line);
  }

  @Test
  void summarisesAnEnrollmentThatChangedNothing() {
    EnrollmentResult result =
        new EnrollmentResult(
            "abcdef0123",
            false,
            List.of(new ImageOutcome("api", "unchanged", "", List.of())),
            List.of(),
            "not waited");

    assertThat(EnrollmentReport.summary(result))
        .containsExactly(
            "Enrolled 1 image: 1 unchanged; no change (state repository at abcdef0)",
            "Deployment: not waited");
    assertThat(EnrollmentReport.exitCode(result)).isEqualTo(ExitCodes.OK);
  }

  @Test
  void countsRemovedImagesApart() {
    EnrollmentResult result =
        new EnrollmentResult(
            "0123456789",
            true,
            List.of(
                new ImageOutcome("api", "analysed", "node", List.of()),
                new ImageOutcome("old", "removed", "", List.of())),
            List.of(),
            "synced and healthy");

    assertThat(EnrollmentReport.summary(result))
        .containsExactly(
            "Enrolled 1 image: 1 analysed; unenrolled 1; commit 0123456",
            "Deployment: synced and healthy");
  }

  @Test
  void anInvalidRebuildTargetIsShownWithEachErrorAndNeedsAFix() {
    String error =
        "images.yaml: image 'web': field 'source.workflowInputs.environment':"
            + " .github/workflows/build-web.yml declares no input 'environment'";
    ImageOutcome web = new ImageOutcome("web", ImageOutcome.INVALID, "node-22", List.of(error));
    EnrollmentResult result =
        new EnrollmentResult(
            "0123456789",
            true,
            List.of(web, new ImageOutcome("api", "analysed", "node", List.of())),
            List.of(),
            "not waited");

    assertThat(EnrollmentReport.outcomeLine(web))
        .isEqualTo("  invalid   web        node-22\n      rebuild target invalid: " + error);
    assertThat(EnrollmentReport.summary(result))
        .containsExactly(
            "Enrolled 2 images: 1 analysed, 1 invalid; commit 0123456",
            "Deployment: not waited",
            "Fix web, then run: image-factory enroll --wait");
    assertThat(EnrollmentReport.exitCode(result)).isEqualTo(ExitCodes.IO_ERROR);
  }

  @Test
  void aStateEntryKargoCannotWatchIsShownAndNeedsAFix() {
    String problem =
        "not watched by Kargo: base-images/alpine-3.20.yaml: alpine-3.20, field tag:"
            + " 'bad tag' is not a valid image tag";
    EnrollmentResult result =
        new EnrollmentResult(
            "0123456789",
            true,
            List.of(new ImageOutcome("api", "analysed", "alpine-3.20", List.of())),
            List.of(),
            "not waited",
            List.of(problem));

    assertThat(EnrollmentReport.summary(result))
        .containsExactly(
            "Enrolled 1 image: 1 analysed; commit 0123456",
            "Deployment: not waited",
            "1 state entry is not watched by Kargo (left out of the manifests); fix them in"
                + " images.yaml:",
            "  " + problem);
    assertThat(EnrollmentReport.exitCode(result)).isEqualTo(ExitCodes.IO_ERROR);
  }

  @Test
  void imagesStartedOrUpdatedWithoutAnalysisAreCountedApartFromUnchangedOnes() {
    EnrollmentResult result =
        new EnrollmentResult(
            "0123456789",
            true,
            List.of(
                new ImageOutcome("api", ImageOutcome.UPDATED, "configuration changed", List.of()),
                new ImageOutcome("web", ImageOutcome.STARTED, "workflow started", List.of()),
                new ImageOutcome("docs", ImageOutcome.UNCHANGED, "", List.of())),
            List.of(),
            "not waited");

    assertThat(EnrollmentReport.summary(result).get(0))
        .isEqualTo("Enrolled 3 images: 1 updated, 1 started, 1 unchanged; commit 0123456");
  }

  @Test
  void anErrorMeansNothingChanged() {
    EnrollmentResult result =
        new EnrollmentResult(null, false, List.of(), List.of("commit refused"), "not waited");

    assertThat(EnrollmentReport.summary(result))
        .containsExactly("Enrollment changed nothing: 1 error(s).");
    assertThat(EnrollmentReport.exitCode(result)).isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
