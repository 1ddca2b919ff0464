package io.imagefactory.starter.report;

import io.imagefactory.image.RebuildEntry;

/** A rebuild in one cell, for the tables that show an image's last rebuild. */
final class RebuildCells {

  private RebuildCells() {}

  /** {@code api#2 timer failed}; {@link ReportCells#NONE} without a rebuild. */
  static String summary(RebuildEntry rebuild) {
    if (rebuild == null) {
      return ReportCells.NONE;
    }
    return ReportCells.text(rebuild.rebuildId())
        + " "
        + ReportCells.text(rebuild.trigger())
        + " "
        + ReportCells.text(rebuild.outcome());
  }

  /** Its run link, or null. */
  static String run(RebuildEntry rebuild) {
    return rebuild == null ? null : rebuild.runUrl();
  }
}
