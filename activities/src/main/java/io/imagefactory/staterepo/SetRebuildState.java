package io.imagefactory.staterepo;

import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.RebuildState;

/**
 * Sets where a managed image stands in the rebuild policy: status, pending approval, eligibility
 * time, candidates and pinned updates. The record of rebuilds ({@code lastRebuild},
 * {@code history}) belongs to {@link RecordRebuild} and is kept as it is in the file.
 */
public record SetRebuildState(String image, RebuildState state) implements StatePatch {

  @Override
  public String describe() {
    return "set rebuild state of " + image + " to " + state.status();
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    ManagedImageState m = typed.managedImage(image);
    RebuildState current = ManagedImages.rebuildState(m);
    RebuildState next = new RebuildState(state.status(), state.pendingRebuild(), state.eligibleAt(),
        state.candidates(), current.lastRebuild(), current.history(), state.pinnedUpdates(), current.unknownFields());
    if (!next.equals(m.rebuildState())) {
      typed.write(ManagedImages.withRebuildState(m, next));
    }
  }
}
