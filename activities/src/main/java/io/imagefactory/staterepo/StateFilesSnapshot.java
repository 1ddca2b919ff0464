package io.imagefactory.staterepo;

import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The typed state files of a {@link StateFiles} view, as patches and renderers need them. */
public final class StateFilesSnapshot {

  private StateFilesSnapshot() {}

  private static Map<String, byte[]> stateFiles(StateFiles files) {
    Map<String, byte[]> state = new TreeMap<>();
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      for (String path : files.list(dir)) {
        files.read(path).ifPresent(bytes -> state.put(path, bytes));
      }
    }
    return state;
  }

  /** The image and base-image state files of the view, parsed. */
  public static StateSnapshot read(StateFiles files) {
    return new StateSnapshotReader().read(stateFiles(files));
  }
}
