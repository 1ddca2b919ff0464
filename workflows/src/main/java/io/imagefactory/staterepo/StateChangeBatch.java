package io.imagefactory.staterepo;

import java.util.List;

/**
 * Changes one workflow asks to commit together.
 *
 * @param batchId unique for its submitter and stable across redeliveries, so a redelivered batch is
 *     answered, not committed again
 * @param submitter the workflow id of who asks ({@code image/api}): the writer acknowledges the
 *     batch to it
 * @param awaited the submitter waits for this commit before it goes on (an enrollment), so the
 *     writer commits without waiting out its batch window
 */
public record StateChangeBatch(
    String batchId, String submitter, List<StateChange> changes, boolean awaited) {

  public StateChangeBatch {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  /** A batch nobody waits for: it may wait for others to share its commit. */
  public StateChangeBatch(String batchId, String submitter, List<StateChange> changes) {
    this(batchId, submitter, changes, false);
  }
}
