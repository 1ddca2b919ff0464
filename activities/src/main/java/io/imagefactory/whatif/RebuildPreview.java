package io.imagefactory.whatif;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imagefactory.budget.BudgetLimits;
import java.time.Instant;
import java.util.List;

/**
 * What a new digest of one base would do: the rebuilds it causes, cascades included, ordered by
 * dispatch (those never dispatched automatically last).
 *
 * @param runDuration the assumed length of every run, as {@code 15m}
 * @param limits the budget the dispatches are paced by
 */
@JsonPropertyOrder({"base", "now", "runDuration", "limits", "rebuilds"})
public record RebuildPreview(
    WhatIfBase base,
    Instant now,
    String runDuration,
    BudgetLimits limits,
    List<PlannedRebuild> rebuilds) {

  public RebuildPreview {
    rebuilds = List.copyOf(rebuilds);
  }
}
