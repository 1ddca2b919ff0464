package io.imagefactory.staterepo;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders files derived from the state (such as {@code dist/image-factory.k8s.yaml}) after a
 * batch of patches, so they are committed in the same commit as the state they come from.
 */
@FunctionalInterface
public interface DerivedFiles {

  /** Derives nothing. */
  DerivedFiles NONE = files -> List.of();

  /**
   * Returns the files to write or delete given the state after the patches. A failure here fails
   * the whole batch, since no commit should carry state without its rendering.
   */
  List<FileChange> render(StateFiles files);

  /**
   * All of {@code parts}, each rendered on the same state in the order given; they must derive
   * different files.
   */
  static DerivedFiles all(DerivedFiles... parts) {
    List<DerivedFiles> list = List.of(parts);
    return files -> {
      List<FileChange> changes = new ArrayList<>();
      for (DerivedFiles part : list) {
        changes.addAll(part.render(files));
      }
      return changes;
    };
  }
}
