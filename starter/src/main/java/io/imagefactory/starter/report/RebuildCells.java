package io.imagefactory.starter.report;

import io.imagefactory.statefiles.RebuildEntry;

/** A rebuild in one cell, for the tables that show an image's last rebuild. */
final class RebuildCells {

  private RebuildCells() {}

  /**
   * {@code api#2 timer failed}, or {@code api#3 fast-path built (fast path: CVE-2025-0001)}; {@link
   * ReportCells#NONE} without a rebuild.
   */
  static String summary(RebuildEntry rebuild) {
    if (rebuild == null) {
      return ReportCells.NONE;
    }
    return ReportCells.text(rebuild.rebuildId())
        + " "
        + ReportCells.text(rebuild.trigger())
        + " "
        + ReportCells.text(rebuild.outcome())
        + (rebuild.fastPath().isEmpty()
            ? ""
            : " (fast path: " + ReportCells.text(String.join(", ", rebuild.fastPath())) + ")");
  }

  /** Its run link, or null. */
  static String run(RebuildEntry rebuild) {
    return rebuild == null ? null : rebuild.runUrl();
  }
}
