package io.imagefactory.starter.report;

import io.imagefactory.HumanText;
import io.imagefactory.fleet.ImageFacts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/**
 * The report as one self-contained HTML file a person can open or attach: inline CSS, no script,
 * nothing fetched. The state is hostile input: every value is escaped, only http(s) run links
 * become links, and a Content-Security-Policy forbids scripts should anything slip through.
 */
final class HtmlReport implements ReportRenderer {

  private static final String STYLE =
      """
      body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24}
      h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em}
      table{border-collapse:collapse;margin:.5em 0}
      th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
      th{background:#f6f8fa}
      td.n{text-align:right}
      tr.stale td{background:#fff1e5}
      code{font:12px ui-monospace,monospace}
      dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
      dt{font-weight:600}dd{margin:0}
      """;

  @Override
  public String render(ComplianceReport report) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.append(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
            + " style-src 'unsafe-inline'\">\n");
    html.append("<title>Image Factory compliance report</title>\n");
    html.append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    html.append("<h1>Image Factory compliance report</h1>\n<dl>\n");
    definition(html, "Source", escape(report.source()));
    definition(html, "As of", ReportCells.time(report.period().now()));
    definition(html, "Period", ReportCells.period(report.period()));
    definition(
        html,
        "Stale after",
        ReportCells.duration(report.period().staleAfter())
            + " without a build while a newer base digest exists");
    html.append("</dl>\n");
    summary(html, report);
    images(html, report);
    audit(html, report);
    if (!report.problems().isEmpty()) {
      html.append("<h2>Unreadable state files</h2>\n<ul>\n");
      report.problems().forEach(p -> html.append("<li>").append(escape(p)).append("</li>\n"));
      html.append("</ul>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void definition(StringBuilder html, String term, String escapedValue) {
    html.append("<dt>").append(term).append("</dt><dd>").append(escapedValue).append("</dd>\n");
  }

  private static void summary(StringBuilder html, ComplianceReport report) {
    ReportSummary summary = report.summary();
    html.append("<h2>Summary</h2>\n<table>\n<tr><th>kind</th>");
    ImageFacts.STATUSES.forEach(s -> html.append("<th>").append(s).append("</th>"));
    html.append("<th>total</th></tr>\n");
    for (Map.Entry<String, Map<String, Integer>> kind : summary.counts().entrySet()) {
      html.append("<tr><td>").append(kind.getKey()).append("</td>");
      kind.getValue()
          .values()
          .forEach(n -> html.append("<td class=\"n\">").append(n).append("</td>"));
      int total = kind.getValue().values().stream().mapToInt(i -> i).sum();
      html.append("<td class=\"n\">").append(total).append("</td></tr>\n");
    }
    html.append("</table>\n<p>Stale: ")
        .append(summary.stale())
        .append(" of ")
        .append(summary.managed())
        .append(" managed images.</p>\n");
    if (!report.hasAudit()) {
      return;
    }
    html.append("<table>\n<tr><th>rebuilds in the period, by outcome</th><th>count</th></tr>\n");
    summary
        .rebuildsByOutcome()
        .forEach(
            (outcome, n) ->
                html.append("<tr><td>")
                    .append(escape(outcome))
                    .append("</td><td class=\"n\">")
                    .append(n)
                    .append("</td></tr>\n"));
    html.append("<tr><th>total</th><td class=\"n\">")
        .append(summary.rebuilds())
        .append("</td></tr>\n</table>\n");
  }

  private static void images(StringBuilder html, ComplianceReport report) {
    html.append("<h2>Images</h2>\n");
    if (report.images().isEmpty()) {
      html.append("<p>No image is enrolled.</p>\n");
      return;
    }
    header(
        html,
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
            "behind"));
    for (ImageRow image : report.images()) {
      html.append(image.stale() ? "<tr class=\"stale\">" : "<tr>");
      cell(html, escape(image.name()));
      cell(html, image.kind());
      cell(html, image.status());
      cell(html, ReportCells.yesNo(image.stale()));
      StringBuilder bases = new StringBuilder();
      for (BaseRow base : image.bases()) {
        bases.append(bases.isEmpty() ? "" : "<br>").append(escape(ReportCells.base(base)));
      }
      cell(html, bases.isEmpty() ? ReportCells.NONE : bases.toString());
      cell(html, digest(image.digest()));
      cell(html, ReportCells.time(image.builtAt()));
      cell(html, ReportCells.age(image.age()));
      cell(html, escape(RebuildCells.summary(image.lastRebuild())));
      cell(html, link(RebuildCells.run(image.lastRebuild())));
      cell(html, ReportCells.yesNo(image.pendingRebuild()));
      cell(html, ReportCells.time(image.eligibleAt()));
      html.append("<td class=\"n\">").append(image.behind()).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void audit(StringBuilder html, ComplianceReport report) {
    html.append("<h2>Rebuild audit trail</h2>\n");
    if (!report.hasAudit()) {
      html.append(
          "<p>Not available: the worker's API carries no history; read the state repository"
              + " (--state-dir or --state-repo) for the audit trail.</p>\n");
      return;
    }
    if (report.audit().isEmpty()) {
      html.append("<p>No rebuild was asked for in the period.</p>\n");
      return;
    }
    header(
        html,
        List.of(
            "requested",
            "image",
            "rebuild",
            "trigger",
            "outcome",
            "run",
            "completed",
            "outcomes (first recorded)",
            "commit"));
    for (AuditRow a : report.audit()) {
      html.append("<tr>");
      cell(html, ReportCells.time(a.requestedAt()));
      cell(html, escape(a.image()));
      cell(html, escape(ReportCells.text(a.rebuildId())));
      cell(html, escape(ReportCells.text(a.trigger())));
      cell(html, escape(ReportCells.text(a.outcome())));
      cell(html, link(a.runUrl()));
      cell(html, ReportCells.time(a.completedAt()));
      cell(html, escape(ReportCells.steps(a.steps())));
      cell(html, "<code>" + escape(a.commit()) + "</code>");
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void header(StringBuilder html, List<String> columns) {
    html.append("<table>\n<tr>");
    columns.forEach(c -> html.append("<th>").append(c).append("</th>"));
    html.append("</tr>\n");
  }

  private static void cell(StringBuilder html, String escapedContent) {
    html.append("<td>").append(escapedContent).append("</td>");
  }

  /** The short digest, with the full one as its tooltip. */
  private static String digest(String digest) {
    if (digest == null) {
      return ReportCells.NONE;
    }
    return "<code title=\""
        + escape(digest)
        + "\">"
        + escape(ReportCells.shortDigest(digest))
        + "</code>";
  }

  /** An http(s) URL as a link; anything else (a {@code javascript:} URL) as plain text. */
  static String link(String url) {
    if (url == null || url.isEmpty()) {
      return ReportCells.NONE;
    }
    if (!isWebUrl(url)) {
      return escape(url);
    }
    return "<a href=\"" + escape(url) + "\" rel=\"noopener noreferrer\">" + escape(url) + "</a>";
  }

  private static boolean isWebUrl(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Text for an element or a quoted attribute: markup characters as entities, unprintables as
   * {@code \\u}.
   */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                  if (HumanText.isUnprintable(c)) {
                    escaped.append(HumanText.escape(c));
                  } else {
                    escaped.appendCodePoint(c);
                  }
                }
              }
            });
    return escaped.toString();
  }
}
