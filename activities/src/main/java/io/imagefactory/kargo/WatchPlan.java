package io.imagefactory.kargo;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

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
    List<Object> states = new ArrayList<>(images.size() + bases.size());
    bases.stream().filter(Objects::nonNull).forEach(states::add);
    images.stream().filter(Objects::nonNull).forEach(states::add);
    IntStream range = IntStream.range(0, states.size());
    WatchEntry[] entries = new WatchEntry[states.size()];
    (states.size() >= KargoManifestRenderer.PARALLEL_FROM ? range.parallel() : range)
        .forEach(
            i ->
                entries[i] =
                    states.get(i) instanceof BaseImageState base
                        ? WatchEntry.of(base)
                        : WatchEntry.of((ImageState) states.get(i)));
    return of(List.of(entries));
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
