package io.imagefactory.kargo;

import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.ImageState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
    List<String> problems = new ArrayList<>();
    List<WatchTarget> candidates = new ArrayList<>();
    for (BaseImageState base : bases) {
      if (base != null) {
        collect(() -> WatchTargets.forBase(base), candidates, problems);
      }
    }
    for (ImageState image : images) {
      if (image != null) {
        collect(() -> Optional.of(WatchTargets.forImage(image)), candidates, problems);
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

  private interface TargetSource {
    Optional<WatchTarget> get();
  }

  private static void collect(
      TargetSource source, List<WatchTarget> candidates, List<String> problems) {
    try {
      source.get().ifPresent(candidates::add);
    } catch (StateProblem problem) {
      problems.add(Objects.requireNonNull(problem.getMessage()));
    }
  }
}
