package io.imagefactory.starter.report;

import io.imagefactory.catalog.StateSnapshot;
import io.imagefactory.staterepo.RebuildHistory;
import java.util.List;

/**
 * What a report is built from.
 *
 * @param source where the state was read, in words, for the report's heading
 * @param state the state files (or what the worker reports of them)
 * @param history every rebuild the state repository's history records; null when the source has no
 *     history (the worker's API)
 * @param problems what could not be read, one line each, beside {@code state}'s own problems
 */
public record ReportInput(
    String source, StateSnapshot state, List<RebuildHistory.Entry> history, List<String> problems) {

  public ReportInput {
    history = history == null ? null : List.copyOf(history);
    problems = List.copyOf(problems);
  }
}
