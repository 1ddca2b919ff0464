package io.imagefactory.staterepo;

import java.util.List;

/**
 * Changes one workflow asks to commit together.
 *
 * @param batchId unique and stable across retries, so a redelivered batch is committed once
 * @param origin who asks, for the commit message ({@code image/api})
 */
public record StateChangeBatch(String batchId, String origin, List<StateChange> changes) {

  public StateChangeBatch {
    changes = List.copyOf(changes);
  }
}
