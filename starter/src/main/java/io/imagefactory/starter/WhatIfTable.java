package io.imagefactory.starter;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.whatif.PlannedRebuild;
import io.imagefactory.whatif.RebuildPreview;
import java.util.ArrayList;
import java.util.List;

/** Renders a what-if for people: what it assumes, one row per rebuild, then a summary line. */
final class WhatIfTable {

  private static final List<String> HEADERS =
      List.of(
          "IMAGE",
          "REPOSITORY",
          "VIA",
          "ELIGIBLE AT",
          "WINDOW OPENS",
          "DISPATCHED AT",
          "WAITS FOR");

  private WhatIfTable() {}

  static String render(RebuildPreview preview) {
    StringBuilder text = new StringBuilder();
    text.append("What if ")
        .append(preview.base().repoURL())
        .append(':')
        .append(preview.base().tag())
        .append(" (")
        .append(preview.base().kind())
        .append(' ')
        .append(preview.base().name())
        .append(") got a new digest at ")
        .append(TextFormats.instant(preview.now()))
        .append('\n');
    BudgetLimits limits = preview.limits();
    text.append("Budget: ")
        .append(limits.runsPerRepository())
        .append(" runs per repository, ")
        .append(limits.runsPerHost())
        .append(" per CI host, ")
        .append(limits.dispatchesPerHour())
        .append(" dispatches per host and hour")
        .append(
            limits.hosts().isEmpty()
                ? ""
                : " (hosts with their own: " + String.join(", ", limits.hosts().keySet()) + ")")
        .append("; every run assumed to take ")
        .append(preview.runDuration())
        .append("\n\n");
    if (preview.rebuilds().isEmpty()) {
      return text.append("No image would take it as a candidate.\n").toString();
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (PlannedRebuild r : preview.rebuilds()) {
      rows.add(
          List.of(
              "  ".repeat(r.level() - 1) + r.image(),
              r.repository(),
              r.via(),
              TextFormats.instant(r.eligibleAt()),
              TextFormats.instant(r.windowOpensAt()),
              TextFormats.instant(r.dispatchedAt()),
              r.waitsFor() == null ? "-" : r.waitsFor()));
    }
    appendColumns(text, rows);
    long dispatched = preview.rebuilds().stream().filter(r -> r.dispatchedAt() != null).count();
    text.append('\n')
        .append(preview.rebuilds().size())
        .append(" rebuilds; ")
        .append(dispatched)
        .append(" dispatched automatically");
    preview.rebuilds().stream()
        .map(PlannedRebuild::dispatchedAt)
        .filter(java.util.Objects::nonNull)
        .max(java.time.Instant::compareTo)
        .ifPresent(last -> text.append(", the last at ").append(TextFormats.instant(last)));
    long other = preview.rebuilds().size() - dispatched;
    if (other > 0) {
      text.append("; ").append(other).append(" not (see WAITS FOR)");
    }
    return text.append(".\n").toString();
  }

  private static void appendColumns(StringBuilder text, List<List<String>> rows) {
    int[] widths = new int[HEADERS.size()];
    rows.forEach(
        row -> {
          for (int c = 0; c < row.size(); c++) {
            widths[c] = Math.max(widths[c], row.get(c).length());
          }
        });
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(
            c == row.size() - 1 ? row.get(c) : String.format("%-" + widths[c] + "s  ", row.get(c)));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
