package io.imagefactory.starter.report;

/** Lays a {@link ComplianceReport} out in one format. */
public interface ReportRenderer {

  /** The whole document, ending with a line break; the same report always gives the same text. */
  String render(ComplianceReport report);
}
