package io.imagefactory.starter;

import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.enrollment.plan.PlanSummary;
import io.imagefactory.statefiles.FileChange;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders an enrollment plan for people: one line per file change, then the summary. */
final class PlanText {

  private PlanText() {}

  static String render(EnrollmentPlan plan) {
    StringBuilder text = new StringBuilder();
    if (plan.isEmpty()) {
      text.append("No changes: the state files are up to date.\n");
    }
    for (FileChange change : plan.changes()) {
      text.append(change.action().name().toLowerCase(Locale.ROOT))
          .append(' ')
          .append(change.path())
          .append('\n');
    }
    PlanSummary summary = plan.summary();
    text.append('\n');
    list(text, "enrolled", summary.enrolled());
    list(text, "updated", summary.updated());
    list(text, "unchanged", summary.unchanged());
    list(text, "analysed", summary.analysed());
    map(text, "not analysed", summary.notAnalysed());
    map(text, "failed", summary.failed());
    lines(text, "invalid rebuild targets", buildErrors(summary));
    list(text, "discovered bases", summary.discoveredBases());
    list(text, "updated bases", summary.updatedBases());
    list(text, "dropped bases", summary.droppedBases());
    list(text, "removed images", summary.removedImages());
    list(text, "cycles", summary.cycles());
    lines(text, "warnings", summary.warnings());
    lines(text, "unreadable state files", summary.problems());
    return text.toString();
  }

  /** Every rebuild-target error, by image: such images are not rebuilt until fixed. */
  private static List<String> buildErrors(PlanSummary summary) {
    return summary.buildErrors().values().stream().flatMap(List::stream).toList();
  }

  private static void list(StringBuilder text, String label, List<String> names) {
    if (!names.isEmpty()) {
      text.append(label).append(": ").append(String.join(", ", names)).append('\n');
    }
  }

  private static void map(StringBuilder text, String label, Map<String, String> reasons) {
    if (!reasons.isEmpty()) {
      text.append(label).append(":\n");
      reasons.forEach(
          (name, reason) ->
              text.append("  ").append(name).append(": ").append(reason).append('\n'));
    }
  }

  private static void lines(StringBuilder text, String label, List<String> lines) {
    if (!lines.isEmpty()) {
      text.append(label).append(":\n");
      lines.forEach(line -> text.append("  ").append(line).append('\n'));
    }
  }
}
