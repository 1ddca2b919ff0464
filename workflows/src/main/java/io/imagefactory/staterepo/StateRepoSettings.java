package io.imagefactory.staterepo;

import java.time.Duration;
import java.util.Map;

/**
 * Starts (or continues as new) the single writer.
 *
 * @param batchWindow how long to gather batches before committing them together
 * @param continueAsNewAfter history length after which it continues as new; 0 for the default
 * @param recentOutcomes outcomes of recent batches, so a redelivered batch is answered, not
 *     committed again
 */
public record StateRepoSettings(
    Duration batchWindow, int continueAsNewAfter, Map<String, CommitOutcome> recentOutcomes) {

  public StateRepoSettings {
    recentOutcomes = recentOutcomes == null ? Map.of() : Map.copyOf(recentOutcomes);
  }

  public static StateRepoSettings defaults() {
    return new StateRepoSettings(Duration.ofSeconds(2), 0, Map.of());
  }
}
