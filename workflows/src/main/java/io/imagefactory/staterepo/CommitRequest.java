package io.imagefactory.staterepo;

import java.util.List;

/** Batches to apply to a fresh tip of the state repository and commit once. */
public record CommitRequest(List<StateChangeBatch> batches) {

  public CommitRequest {
    batches = List.copyOf(batches);
  }
}
