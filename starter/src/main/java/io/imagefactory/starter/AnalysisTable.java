package io.imagefactory.starter;

import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import java.util.ArrayList;
import java.util.List;

/** Renders an analysis as an aligned text table followed by its warnings. */
final class AnalysisTable {

  private static final List<String> HEADER =
      List.of("REF", "NAME", "INSTRUCTION", "LINE", "STAGE", "PINNED");

  private AnalysisTable() {}

  static String render(DockerfileAnalysis analysis) {
    StringBuilder text = new StringBuilder();
    if (analysis.baseImages().isEmpty()) {
      text.append("No base images found.").append(System.lineSeparator());
    } else {
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADER);
      for (BaseImageReference image : analysis.baseImages()) {
        rows.add(
            List.of(
                image.ref(),
                image.name(),
                image.instruction(),
                Integer.toString(image.line()),
                image.stage(),
                image.pinned() ? "yes" : "no"));
      }
      appendAligned(text, rows);
    }
    if (!analysis.warnings().isEmpty()) {
      text.append(System.lineSeparator()).append("Warnings:").append(System.lineSeparator());
      for (String warning : analysis.warnings()) {
        text.append("  ").append(warning).append(System.lineSeparator());
      }
    }
    return text.toString();
  }

  private static void appendAligned(StringBuilder text, List<List<String>> rows) {
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        line.append(String.format("%-" + widths[column] + "s", row.get(column)));
        if (column < widths.length - 1) {
          line.append("  ");
        }
      }
      text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
  }
}
