package io.imagefactory.starter.report;

import io.imagefactory.staterepo.RebuildHistory;
import java.time.Instant;
import java.util.List;

/**
 * One rebuild of the audited period, as the state repository's history records it.
 *
 * @param image the managed image, which may since have been removed
 * @param rebuildId {@code <image>#<n>}
 * @param requestedAt when it was asked for
 * @param trigger {@code timer}, {@code cascade}, {@code approval}, {@code now}, {@code retry} or
 *     {@code fast-path}, the last with the vulnerabilities it fixes ({@code fast-path (fixes
 *     CVE-2025-0001)})
 * @param outcome its latest outcome
 * @param runUrl the CI run, when known
 * @param completedAt when its outcome became final; null while open
 * @param commit the newest commit recording it
 * @param steps every outcome it went through, with the commit that first recorded it
 */
public record AuditRow(
    String image,
    String rebuildId,
    Instant requestedAt,
    String trigger,
    String outcome,
    String runUrl,
    Instant completedAt,
    String commit,
    List<RebuildHistory.Step> steps) {

  public AuditRow {
    steps = List.copyOf(steps);
  }
}
