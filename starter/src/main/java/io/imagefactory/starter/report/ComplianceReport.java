package io.imagefactory.starter.report;

import java.util.List;

/**
 * The compliance report as every format renders it: already sorted and computed against {@link
 * ReportPeriod#now()}, so a renderer only lays it out.
 *
 * @param source where the state was read
 * @param period what it was computed against
 * @param summary counts over the fleet and the period
 * @param images one row per enrolled image, by name
 * @param audit the rebuilds asked for in the period, oldest first; null when the source has no
 *     history
 * @param problems files that could not be read, sorted
 */
public record ComplianceReport(
    String source,
    ReportPeriod period,
    ReportSummary summary,
    List<ImageRow> images,
    List<AuditRow> audit,
    List<String> problems) {

  public ComplianceReport {
    images = List.copyOf(images);
    audit = audit == null ? null : List.copyOf(audit);
    problems = List.copyOf(problems);
  }

  /** True when the source carries the rebuild history. */
  public boolean hasAudit() {
    return audit != null;
  }
}
