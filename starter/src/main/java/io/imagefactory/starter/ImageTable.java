package io.imagefactory.starter;

import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.RebuildEntry;
import java.util.ArrayList;
import java.util.List;

/** All enrolled images, one row each, columns as wide as their widest cell. */
final class ImageTable {

  private static final List<String> HEADER =
      List.of("IMAGE", "KIND", "STATE", "ELIGIBLE AT", "DETAILS");

  private ImageTable() {}

  static List<String> of(List<ImageStatus> statuses) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ImageStatus status : statuses) {
      ImageRuntime runtime = status.runtime();
      rows.add(
          List.of(
              status.config().name(),
              status.config().kind().label(),
              state(status),
              TextFormats.instant(runtime.eligibleAt()),
              status.details() == null ? "" : status.details()));
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1
                ? row.get(i)
                : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  /**
   * {@code approval}, {@code waiting}, {@code rebuilding}, {@code watching} or {@code tracking}.
   */
  static String state(ImageStatus status) {
    if (status.config().kind() == ImageKind.EXTERNAL) {
      return "tracking";
    }
    ImageRuntime runtime = status.runtime();
    if (runtime.awaitingApproval()) {
      return "approval";
    }
    if (!runtime.pending().isEmpty()) {
      return "waiting";
    }
    RebuildEntry last = runtime.lastRebuild();
    if (last != null && last.completedAt() == null && !"failed".equals(last.outcome())) {
      return "rebuilding";
    }
    return "watching";
  }
}
