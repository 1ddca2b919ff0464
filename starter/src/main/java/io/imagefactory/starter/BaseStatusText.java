package io.imagefactory.starter;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.BaseStatus;
import java.util.ArrayList;
import java.util.List;

/** One base image's status: what Kargo watches for it, its digest, and who is built on it. */
final class BaseStatusText {

  private static final String LINE = "  %-15s %s";

  private BaseStatusText() {}

  static List<String> of(BaseStatus status) {
    BaseSetup base = status.state();
    List<String> lines = new ArrayList<>();
    lines.add(base.name() + " (base image)");
    lines.add(String.format(LINE, "details", status.details()));
    lines.add(String.format(LINE, "watches", base.repoURL() + ":" + base.tag()));
    lines.add(
        String.format(
            LINE,
            "current digest",
            base.currentDigest() == null
                ? "none seen yet"
                : base.currentDigest()
                    + ", first seen "
                    + TextFormats.instant(base.lastUpdated())));
    List<String> dependents = base.dependents().isEmpty() ? List.of("none") : base.dependents();
    lines.add(String.format(LINE, "dependents", dependents.get(0)));
    dependents.subList(1, dependents.size()).forEach(d -> lines.add(String.format(LINE, "", d)));
    return lines;
  }
}
