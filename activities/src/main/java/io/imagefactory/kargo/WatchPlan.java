package io.imagefactory.kargo;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.ImageState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Everything to watch, in name order, plus what could not be watched. A bad entry costs only its
 * own Warehouse, never the others'.
 */
record WatchPlan(List<WatchTarget> targets, List<String> problems) {

  WatchPlan {
    targets = List.copyOf(targets);
    problems = List.copyOf(problems);
  }

  static WatchPlan of(Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    List<WatchEntry> entries = new ArrayList<>(images.size() + bases.size());
    for (BaseImageState base : bases) {
      if (base != null) {
        entries.add(WatchEntry.of(base));
      }
    }
    for (ImageState image : images) {
      if (image != null) {
        entries.add(WatchEntry.of(image));
      }
    }
    return of(entries);
  }

  /** The plan of the state files' entries, in any order. */
  static WatchPlan of(List<WatchEntry> entries) {
    List<String> problems = new ArrayList<>();
    List<WatchTarget> candidates = new ArrayList<>(entries.size());
    for (WatchEntry entry : entries) {
      if (entry.target() != null) {
        candidates.add(entry.target());
      } else if (entry.problem() != null) {
        problems.add(entry.problem());
      }
    }
    candidates.sort(
        Comparator.comparing(WatchTarget::objectName).thenComparing(WatchTarget::stateFile));
    TreeMap<String, WatchTarget> byName = new TreeMap<>();
    for (WatchTarget target : candidates) {
      WatchTarget first = byName.putIfAbsent(target.objectName(), target);
      if (first != null) {
        problems.add(
            target.stateFile()
                + ": Warehouse name "
                + target.objectName()
                + " is already taken by "
                + first.stateFile()
                + ", which keeps it; this entry is not watched");
      }
    }
    problems.sort(Comparator.naturalOrder());
    return new WatchPlan(new ArrayList<>(byName.values()), problems);
  }
}
