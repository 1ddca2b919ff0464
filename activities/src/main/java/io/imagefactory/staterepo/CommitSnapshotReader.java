package io.imagefactory.staterepo;

import io.imagefactory.catalog.StateFileProblem;
import io.imagefactory.catalog.StateFileStore;
import io.imagefactory.catalog.StateSnapshot;
import io.imagefactory.catalog.StateSnapshotReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The state files of one commit of a local repository (a clone, a bare repository), parsed: what a
 * command reading the state repository offline sees, with no work tree and no checkout.
 */
public final class CommitSnapshotReader {

  private CommitSnapshotReader() {}

  /** The snapshot at {@code commit}; an oversized file is a problem and is not loaded. */
  public static StateSnapshot read(Repository repo, ObjectId commit) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<StateFileProblem> problems = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (var entry : CommitWriter.index(reader, CommitWriter.treeOf(reader, commit)).entrySet()) {
        String path = entry.getKey();
        if (!path.startsWith(StateFileStore.IMAGES_DIR + "/")
            && !path.startsWith(StateFileStore.BASE_IMAGES_DIR + "/")) {
          continue;
        }
        long size = reader.getObjectSize(entry.getValue(), Constants.OBJ_BLOB);
        if (size > StateFileStore.MAX_BYTES) {
          problems.add(
              new StateFileProblem(
                  path, "is " + size + " bytes, over the limit of " + StateFileStore.MAX_BYTES));
          continue;
        }
        files.put(path, reader.open(entry.getValue(), Constants.OBJ_BLOB).getBytes());
      }
    }
    return new StateSnapshotReader().read(files, problems);
  }
}
