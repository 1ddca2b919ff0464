package io.imagefactory.staterepo;

import java.util.List;

/**
 * Changes one workflow asks to commit together.
 *
 * @param batchId unique for its submitter and stable across redeliveries, so a redelivered batch is
 *     answered, not committed again
 * @param submitter the workflow id of who asks ({@code image/api}): the writer acknowledges the
 *     batch to it
 */
public record StateChangeBatch(String batchId, String submitter, List<StateChange> changes) {

  public StateChangeBatch {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
