package io.imagefactory.staterepo;

import java.time.Duration;
import java.util.List;

/**
 * Starts (or continues as new) the single writer.
 *
 * @param batchWindow how long to gather batches before committing them together
 * @param continueAsNewAfter history length after which it continues as new; 0 for the default
 * @param queued batches received and not committed yet
 * @param answered per submitter, the last batch answered, so a redelivery is answered again instead
 *     of committed twice
 * @param unsent acknowledgements not signalled to their submitters yet
 */
public record StateRepoSettings(
    Duration batchWindow,
    int continueAsNewAfter,
    List<StateChangeBatch> queued,
    AnsweredBatches answered,
    List<Acknowledgement> unsent) {

  public StateRepoSettings {
    queued = queued == null ? List.of() : List.copyOf(queued);
    answered = answered == null ? AnsweredBatches.none() : answered;
    unsent = unsent == null ? List.of() : List.copyOf(unsent);
  }

  public StateRepoSettings(Duration batchWindow, int continueAsNewAfter) {
    this(batchWindow, continueAsNewAfter, List.of(), AnsweredBatches.none(), List.of());
  }

  public static StateRepoSettings defaults() {
    return new StateRepoSettings(Duration.ofSeconds(2), 0);
  }
}
