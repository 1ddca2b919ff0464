package io.imagefactory.backstage;

import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import java.util.List;
import java.util.Map;

/**
 * The last rebuild of a managed image as annotations (id, trigger, when it was asked for and when
 * it ended, its outcome) and a link to its CI run when there is one.
 */
final class LastRebuild {

  private final RebuildEntry entry;

  LastRebuild(RebuildState state) {
    this.entry = state == null ? null : state.lastRebuild();
  }

  void addTo(Map<String, String> annotations, List<Map<String, Object>> links) {
    if (entry == null) {
      return;
    }
    put(annotations, Annotations.LAST_REBUILD, entry.rebuildId());
    put(annotations, Annotations.LAST_REBUILD_TRIGGER, entry.trigger());
    if (entry.requestedAt() != null) {
      annotations.put(Annotations.LAST_REBUILD_REQUESTED_AT, entry.requestedAt().toString());
    }
    if (entry.completedAt() != null) {
      annotations.put(Annotations.LAST_REBUILD_COMPLETED_AT, entry.completedAt().toString());
    }
    put(annotations, Annotations.LAST_REBUILD_OUTCOME, entry.outcome());
    String run = runUrl();
    if (run != null) {
      annotations.put(Annotations.LAST_REBUILD_RUN, run);
      links.add(ResourceEntities.link(run, "Last rebuild run"));
    }
  }

  private String runUrl() {
    String url = entry.runUrl();
    if (url == null && entry.run() != null) {
      url = entry.run().url();
    }
    return WebUrls.link(url);
  }

  private static void put(Map<String, String> annotations, String key, String value) {
    if (value != null && !value.isEmpty()) {
      annotations.put(key, value);
    }
  }
}
