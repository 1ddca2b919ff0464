package io.imagefactory.starter.report;

import io.imagefactory.HumanText;
import io.imagefactory.fleet.ImageFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report as GitHub-flavoured Markdown: heading, summary, images and audit trail as tables.
 * Every value from the state is escaped, so no value can open a link, an HTML tag or a new cell.
 */
final class MarkdownReport implements ReportRenderer {

  // CommonMark lets a backslash escape any ASCII punctuation; these are the ones that mean
  // something inside a table cell: emphasis, code, links (no "[", no link), raw HTML, entities
  // and the cell separator.
  private static final String SPECIAL = "\\`*_[]<>|~&";

  @Override
  public String render(ComplianceReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Image Factory compliance report\n\n");
    md.append("- Source: ").append(escape(report.source())).append('\n');
    md.append("- As of: ").append(ReportCells.time(report.period().now())).append('\n');
    md.append("- Period: ").append(ReportCells.period(report.period())).append('\n');
    md.append("- Stale after: ")
        .append(ReportCells.duration(report.period().staleAfter()))
        .append(" without a build while a newer base digest exists\n\n");
    summary(md, report);
    images(md, report);
    audit(md, report);
    if (!report.problems().isEmpty()) {
      md.append("## Unreadable state files\n\n");
      report.problems().forEach(p -> md.append("- ").append(escape(p)).append('\n'));
      md.append('\n');
    }
    return md.toString().stripTrailing() + "\n";
  }

  private static void summary(StringBuilder md, ComplianceReport report) {
    ReportSummary summary = report.summary();
    md.append("## Summary\n\n");
    List<String> header = new ArrayList<>(List.of("kind"));
    header.addAll(ImageFacts.STATUSES);
    header.add("total");
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Integer>> kind : summary.counts().entrySet()) {
      List<String> row = new ArrayList<>(List.of(kind.getKey()));
      kind.getValue().values().forEach(n -> row.add(Integer.toString(n)));
      row.add(Integer.toString(kind.getValue().values().stream().mapToInt(i -> i).sum()));
      rows.add(row);
    }
    table(md, header, rows);
    md.append("Stale: ")
        .append(summary.stale())
        .append(" of ")
        .append(summary.managed())
        .append(" managed images.\n\n");
    if (!report.hasAudit()) {
      return;
    }
    List<List<String>> outcomes = new ArrayList<>();
    summary
        .rebuildsByOutcome()
        .forEach((outcome, n) -> outcomes.add(List.of(escape(outcome), Integer.toString(n))));
    outcomes.add(List.of("total", Integer.toString(summary.rebuilds())));
    table(md, List.of("rebuilds in the period, by outcome", "count"), outcomes);
  }

  private static void images(StringBuilder md, ComplianceReport report) {
    md.append("## Images\n\n");
    if (report.images().isEmpty()) {
      md.append("No image is enrolled.\n\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (ImageRow image : report.images()) {
      rows.add(
          List.of(
              escape(image.name()),
              image.kind(),
              image.status(),
              ReportCells.yesNo(image.stale()),
              image.bases().isEmpty()
                  ? ReportCells.NONE
                  : image.bases().stream()
                      .map(b -> escape(ReportCells.base(b)))
                      .collect(Collectors.joining("<br>")),
              escape(ReportCells.shortDigest(image.digest())),
              ReportCells.time(image.builtAt()),
              ReportCells.age(image.age()),
              escape(RebuildCells.summary(image.lastRebuild())),
              escape(ReportCells.text(RebuildCells.run(image.lastRebuild()))),
              ReportCells.yesNo(image.pendingRebuild()),
              ReportCells.time(image.eligibleAt()),
              Integer.toString(image.behind())));
    }
    table(
        md,
        List.of(
            "image",
            "kind",
            "status",
            "stale",
            "bases",
            "digest",
            "last build",
            "age",
            "last rebuild",
            "run",
            "pending rebuild",
            "eligible",
            "behind"),
        rows);
  }

  private static void audit(StringBuilder md, ComplianceReport report) {
    md.append("## Rebuild audit trail\n\n");
    if (!report.hasAudit()) {
      md.append(
          "Not available: the worker's API carries no history; read the state repository"
              + " (--state-dir or --state-repo) for the audit trail.\n\n");
      return;
    }
    if (report.audit().isEmpty()) {
      md.append("No rebuild was asked for in the period.\n\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (AuditRow a : report.audit()) {
      rows.add(
          List.of(
              ReportCells.time(a.requestedAt()),
              escape(a.image()),
              escape(ReportCells.text(a.rebuildId())),
              escape(ReportCells.text(a.trigger())),
              escape(ReportCells.text(a.outcome())),
              escape(ReportCells.text(a.runUrl())),
              ReportCells.time(a.completedAt()),
              escape(ReportCells.steps(a.steps())),
              a.commit()));
    }
    table(
        md,
        List.of(
            "requested",
            "image",
            "rebuild",
            "trigger",
            "outcome",
            "run",
            "completed",
            "outcomes (first recorded)",
            "commit"),
        rows);
  }

  private static void table(StringBuilder md, List<String> header, List<List<String>> rows) {
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append(" --- |".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append('\n');
  }

  /** {@code text} with Markdown's special characters escaped and unprintables as {@code \\u}. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (HumanText.isUnprintable(c)) {
                escaped.append('\\').append(HumanText.escape(c));
              } else {
                if (c < 128 && SPECIAL.indexOf(c) >= 0) {
                  escaped.append('\\');
                }
                escaped.appendCodePoint(c);
              }
            });
    return escaped.toString();
  }
}
