package io.imagefactory.staterepo;

import io.imagefactory.statefiles.BaseImageState;
import java.util.List;
import java.util.Optional;

/**
 * Marks base images as watched once Argo CD has synced the Warehouses that watch them. A base whose
 * state file is gone (removed meanwhile) is skipped; one already watched is left alone.
 */
public record MarkBasesWatched(List<String> names) implements StatePatch {

  public MarkBasesWatched {
    names = List.copyOf(names);
  }

  @Override
  public String describe() {
    return names.size() == 1 ? "watch " + names.get(0) : "watch " + names.size() + " base images";
  }

  @Override
  public void applyTo(StateFiles files) {
    TypedStateFiles typed = new TypedStateFiles(files);
    for (String name : names) {
      Optional<BaseImageState> found = typed.base(name);
      if (found.isEmpty() || Boolean.TRUE.equals(found.get().watched())) {
        continue;
      }
      typed.write(found.get().asWatched());
    }
  }
}
