package io.imagefactory.starter;

import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.RebuildHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code history} as a table or as JSON. */
final class HistoryText {

  private HistoryText() {}

  /** One line a rebuild: id, when asked for, trigger, outcome, commit, detail. */
  static String table(List<RebuildHistory.Entry> entries) {
    if (entries.isEmpty()) {
      return "No rebuilds recorded.\n";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"REBUILD", "REQUESTED", "TRIGGER", "OUTCOME", "COMMIT", "DETAIL"});
    for (RebuildHistory.Entry entry : entries) {
      RebuildEntry r = entry.rebuild();
      rows.add(
          new String[] {
            r.rebuildId(),
            TextFormats.instant(r.requestedAt()),
            dash(r.trigger()),
            dash(r.outcome()),
            entry.commit(),
            r.detail() == null ? "" : r.detail()
          });
    }
    int[] widths = new int[5];
    for (String[] row : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(String.format("%-" + widths[i] + "s  ", row[i]));
      }
      text.append((line + row[5]).stripTrailing()).append('\n');
    }
    return text.toString();
  }

  /** Each rebuild's record as the state file has it, with the commit that last held it. */
  static List<Map<String, Object>> json(List<RebuildHistory.Entry> entries) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (RebuildHistory.Entry entry : entries) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("rebuild", entry.rebuild());
      item.put("commit", entry.commit());
      item.put("committedAt", entry.committedAt());
      list.add(item);
    }
    return list;
  }

  private static String dash(String text) {
    return text == null || text.isEmpty() ? "-" : text;
  }
}
