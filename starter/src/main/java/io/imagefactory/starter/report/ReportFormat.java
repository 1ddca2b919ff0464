package io.imagefactory.starter.report;

/** The formats {@code image-factory report --format} writes, each with its renderer. */
public enum ReportFormat {
  md(new MarkdownReport()),
  html(new HtmlReport()),
  csv(new CsvReport()),
  json(new JsonReport());

  private final ReportRenderer renderer;

  ReportFormat(ReportRenderer renderer) {
    this.renderer = renderer;
  }

  /** The report in this format. */
  public String render(ComplianceReport report) {
    return renderer.render(report);
  }
}
