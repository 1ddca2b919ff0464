package io.imagefactory.staterepo;

import io.imagefactory.statefiles.FileChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a batch of patches and the derived-file renderer to the files at one tip. A patch that
 * throws is rolled back and reported, so one bad patch never blocks the others.
 */
final class PatchApplier {

  /** The net result of one application: the changes and what the commit message says. */
  record Draft(List<FileChange> changes, List<String> applied, List<PatchRejection> rejected) {

    boolean empty() {
      return changes.isEmpty();
    }

    List<String> changedPaths() {
      return changes.stream().map(FileChange::path).toList();
    }
  }

  private PatchApplier() {}

  static Draft apply(StateFiles files, List<? extends StatePatch> patches, DerivedFiles derived) {
    List<String> applied = new ArrayList<>();
    List<PatchRejection> rejected = new ArrayList<>();
    for (int i = 0; i < patches.size(); i++) {
      StatePatch patch = patches.get(i);
      Map<String, byte[]> checkpoint = files.checkpoint();
      int before = files.modifications();
      try {
        patch.applyTo(files);
        if (files.modifications() > before) {
          applied.add(describe(patch));
        }
      } catch (RuntimeException e) {
        files.restore(checkpoint, before);
        rejected.add(new PatchRejection(i, describe(patch), reason(e)));
      }
    }
    for (FileChange change : derived.render(files)) {
      files.apply(change);
    }
    return new Draft(files.changes(), applied, rejected);
  }

  private static String describe(StatePatch patch) {
    try {
      return patch.describe();
    } catch (RuntimeException e) {
      return patch.getClass().getSimpleName();
    }
  }

  private static String reason(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
