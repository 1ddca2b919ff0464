package io.imagefactory.staterepo;

import io.imagefactory.statefiles.FileChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders files derived from the state (such as {@code dist/image-factory.k8s.yaml}) after a batch
 * of patches, so they are committed in the same commit as the state they come from.
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
   * What the last render found wrong with the state and left out (each naming file, entry and
   * field), so the commit can report it to whoever asked for it instead of only logging it. The
   * renders are pure, so this holds for every tree whose derived files that render produced.
   */
  default List<String> problems() {
    return List.of();
  }

  /**
   * All of {@code parts}, each rendered on the same state in the order given; they must derive
   * different files.
   */
  static DerivedFiles all(DerivedFiles... parts) {
    List<DerivedFiles> list = List.of(parts);
    return new DerivedFiles() {
      @Override
      public List<FileChange> render(StateFiles files) {
        List<FileChange> changes = new ArrayList<>();
        for (DerivedFiles part : list) {
          changes.addAll(part.render(files));
        }
        return changes;
      }

      @Override
      public List<String> problems() {
        List<String> problems = new ArrayList<>();
        list.forEach(part -> problems.addAll(part.problems()));
        return problems;
      }
    };
  }
}
