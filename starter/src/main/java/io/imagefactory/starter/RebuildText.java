package io.imagefactory.starter;

import io.imagefactory.statefiles.RebuildEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A rebuild in words: what, when, why, how it went, and the run to follow. */
final class RebuildText {

  private RebuildText() {}

  /**
   * {@code api#2 requested 2025-01-08T10:00:00Z (trigger: approval): dispatched}, then the run link
   * or the detail, then the base digests it is for.
   */
  static List<String> lines(RebuildEntry entry) {
    List<String> lines = new ArrayList<>();
    StringBuilder first =
        new StringBuilder(entry.rebuildId())
            .append(" requested ")
            .append(TextFormats.instant(entry.requestedAt()))
            .append(" (trigger: ")
            .append(entry.trigger())
            .append("): ")
            .append(entry.outcome());
    if (entry.completedAt() != null) {
      first.append(" at ").append(TextFormats.instant(entry.completedAt()));
    }
    lines.add(first.toString());
    if (entry.runUrl() != null) {
      lines.add("run " + entry.runUrl());
    }
    if (entry.builds() != null && !entry.builds().isBlank()) {
      lines.add(entry.builds());
    }
    if (!entry.fastPath().isEmpty()) {
      lines.add("fast path: fixes " + String.join(", ", entry.fastPath()));
    }
    if (entry.detail() != null && !entry.detail().isBlank()) {
      lines.add(entry.detail());
    }
    Map<String, String> digests =
        new TreeMap<>(entry.baseDigests() == null ? Map.of() : entry.baseDigests());
    digests.forEach((base, digest) -> lines.add("for " + base + " " + digest));
    if (entry.builtDigest() != null) {
      lines.add("closed by the build " + entry.builtDigest());
    }
    return lines;
  }
}
