package io.imagefactory.starter;

import io.imagefactory.enrollment.EnrollmentResult;
import io.imagefactory.enrollment.ImageOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The words of an enrollment: one line per image, then a summary and the exit code. */
final class EnrollmentReport {

  private static final List<String> COUNTED =
      List.of(
          "analysed",
          ImageOutcome.INVALID,
          "failed",
          ImageOutcome.UPDATED,
          ImageOutcome.STARTED,
          ImageOutcome.UNCHANGED,
          "external");

  private EnrollmentReport() {}

  /**
   * {@code analysed api golang-1.23-bookworm, distroless-static-debian12-nonroot}; an {@code
   * invalid} image gets one more line per problem of its rebuild target.
   */
  static String outcomeLine(ImageOutcome outcome) {
    String detail = outcome.detail() == null ? "" : outcome.detail();
    StringBuilder line =
        new StringBuilder(
            String.format("  %-9s %-10s %s", outcome.status(), outcome.image(), detail)
                .stripTrailing());
    for (String problem : outcome.problems()) {
      line.append("\n      rebuild target invalid: ").append(problem);
    }
    return line.toString();
  }

  /** The summary lines of a finished enrollment, errors excepted. */
  static List<String> summary(EnrollmentResult result) {
    List<String> lines = new ArrayList<>();
    if (!result.errors().isEmpty()) {
      lines.add("Enrollment changed nothing: " + result.errors().size() + " error(s).");
      return lines;
    }
    Map<String, Integer> counts = new TreeMap<>();
    result.images().forEach(o -> counts.merge(o.status(), 1, Integer::sum));
    int enrolled = result.images().size() - counts.getOrDefault("removed", 0);
    List<String> parts = new ArrayList<>();
    for (String status : COUNTED) {
      if (counts.containsKey(status)) {
        parts.add(counts.get(status) + " " + status);
      }
    }
    StringBuilder line = new StringBuilder("Enrolled " + enrolled + " image" + plural(enrolled));
    if (!parts.isEmpty()) {
      line.append(": ").append(String.join(", ", parts));
    }
    if (counts.containsKey("removed")) {
      line.append("; unenrolled ").append(counts.get("removed"));
    }
    line.append(
        result.committed()
            ? "; commit " + shortCommit(result.commitId())
            : "; no change (state repository at " + shortCommit(result.commitId()) + ")");
    lines.add(line.toString());
    lines.add("Deployment: " + result.deployment());
    List<String> failed =
        result.images().stream()
            .filter(EnrollmentReport::needsFix)
            .map(ImageOutcome::image)
            .toList();
    if (!result.stateProblems().isEmpty()) {
      lines.add(
          result.stateProblems().size()
              + " state entr"
              + (result.stateProblems().size() == 1 ? "y is" : "ies are")
              + " not watched by Kargo (left out of the manifests); fix them in images.yaml:");
      result.stateProblems().forEach(problem -> lines.add("  " + problem));
    }
    if (!failed.isEmpty()) {
      // Every enrollment analyses failed and invalid images again, including ones that never had a
      // workflow.
      lines.add("Fix " + String.join(", ", failed) + ", then run: image-factory enroll --wait");
    }
    return lines;
  }

  /**
   * 2 when nothing changed because of errors, 1 when an image failed or its rebuild target is
   * invalid or a state entry cannot be watched by Kargo, 0 otherwise.
   */
  static int exitCode(EnrollmentResult result) {
    if (!result.errors().isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    boolean failed = result.images().stream().anyMatch(EnrollmentReport::needsFix);
    return failed || !result.stateProblems().isEmpty() ? ExitCodes.IO_ERROR : ExitCodes.OK;
  }

  private static boolean needsFix(ImageOutcome outcome) {
    return "failed".equals(outcome.status()) || ImageOutcome.INVALID.equals(outcome.status());
  }

  static String shortCommit(String commitId) {
    if (commitId == null) {
      return "unknown";
    }
    return commitId.length() > 7 ? commitId.substring(0, 7) : commitId;
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
