package io.imagefactory.staterepo;

import io.imagefactory.catalog.ManagedImageState;
import io.imagefactory.catalog.RebuildRecord;
import io.imagefactory.catalog.RebuildState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Records a rebuild of a managed image, or a later outcome of one: rebuilds are told apart by
 * {@code id} (by {@code requestedAt} when they have none), so recording the same rebuild again
 * replaces it (dispatched, then succeeded) rather than adding a second entry. The newest rebuild is {@code lastRebuild}; earlier
 * ones are kept in {@code history}, newest first, bounded.
 */
public record RecordRebuild(String image, RebuildRecord rebuild) implements StatePatch {

  /** How many earlier rebuilds a state file keeps. */
  public static final int HISTORY_LIMIT = 10;

  @Override
  public String describe() {
    return "record rebuild of " + image + " (" + rebuild.outcome() + ")";
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    ManagedImageState m = typed.managedImage(image);
    RebuildState current = ManagedImages.rebuildState(m);
    List<RebuildRecord> all = new ArrayList<>();
    if (current.lastRebuild() != null) {
      all.add(current.lastRebuild());
    }
    all.addAll(current.history());
    all.removeIf(this::sameRebuild);
    all.add(rebuild);
    all.sort(Comparator.comparing(RebuildRecord::requestedAt, Comparator.nullsLast(Comparator.reverseOrder())));
    List<RebuildRecord> history = all.subList(1, Math.min(all.size(), HISTORY_LIMIT + 1));
    RebuildState next = new RebuildState(current.status(), current.pendingRebuild(), current.eligibleAt(),
        current.candidates(), all.get(0), history, current.pinnedUpdates(), current.unknownFields());
    if (!next.equals(m.rebuildState())) {
      typed.write(ManagedImages.withRebuildState(m, next));
    }
  }

  private boolean sameRebuild(RebuildRecord other) {
    if (rebuild.id() != null || other.id() != null) {
      return Objects.equals(rebuild.id(), other.id());
    }
    return Objects.equals(rebuild.requestedAt(), other.requestedAt());
  }
}
