package io.imagefactory.kargo;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import java.util.Objects;

/**
 * What one state file contributes to the manifests: a target to watch, a problem naming why it
 * cannot be watched, or nothing (a base no image depends on any more).
 *
 * @param target the target, or null
 * @param problem the problem, naming file, entry and field, or null
 */
record WatchEntry(WatchTarget target, String problem) {

  static final WatchEntry NOTHING = new WatchEntry(null, null);

  static WatchEntry of(BaseImageState base) {
    try {
      return WatchTargets.forBase(base).map(WatchEntry::watching).orElse(NOTHING);
    } catch (StateProblem problem) {
      return failing(problem);
    }
  }

  static WatchEntry of(ImageState image) {
    try {
      return watching(WatchTargets.forImage(image));
    } catch (StateProblem problem) {
      return failing(problem);
    }
  }

  private static WatchEntry watching(WatchTarget target) {
    return new WatchEntry(target, null);
  }

  private static WatchEntry failing(StateProblem problem) {
    return new WatchEntry(null, Objects.requireNonNull(problem.getMessage()));
  }
}
