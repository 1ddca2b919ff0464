package io.imagefactory.staterepo;

import io.imagefactory.git.RepoPaths;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The state repository's files at one commit, as raw bytes by path, and their parsed {@link
 * #snapshot()}. Every file comes from the same commit, whether it was read through the writer's
 * cache or from a local clone with no work tree.
 *
 * @param commitId the commit the files were read at
 * @param files the bytes of every file read, sorted by path
 */
public record StateTree(String commitId, SortedMap<String, byte[]> files) {

  /** {@code images.yaml} and the state files under {@code images/} and {@code base-images/}. */
  public static final Predicate<String> STATE_FILES =
      path -> path.equals(RepoPaths.IMAGES_YAML) || isStateFile(path);

  /** The state files only: what a snapshot is read from. */
  public static final Predicate<String> STATE_FILES_ONLY = StateTree::isStateFile;

  public StateTree {
    files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
  }

  /**
   * Reads the files whose paths {@code include} accepts at {@code commit}. A state file is read up
   * to one byte over {@link StateFileStore#MAX_BYTES}, which is enough for the store to reject it:
   * a hostile repository never makes this load a huge blob into memory.
   */
  public static StateTree read(ObjectReader reader, ObjectId commit, Predicate<String> include)
      throws IOException {
    TreeMap<String, byte[]> files = new TreeMap<>();
    for (var entry : CommitWriter.index(reader, CommitWriter.treeOf(reader, commit)).entrySet()) {
      String path = entry.getKey();
      if (include.test(path)) {
        var blob = reader.open(entry.getValue(), Constants.OBJ_BLOB);
        if (isStateFile(path) && blob.getSize() > StateFileStore.MAX_BYTES) {
          try (InputStream in = blob.openStream()) {
            files.put(path, in.readNBytes(StateFileStore.MAX_BYTES + 1));
          }
        } else {
          files.put(path, blob.getBytes(Integer.MAX_VALUE));
        }
      }
    }
    return new StateTree(commit.name(), files);
  }

  /** The state files of {@code commit} in a local repository (a clone, a bare repository). */
  public static StateTree read(Repository repo, ObjectId commit) throws IOException {
    try (ObjectReader reader = repo.newObjectReader()) {
      return read(reader, commit, STATE_FILES_ONLY);
    }
  }

  /**
   * The state files among the files read, parsed; an unreadable one is a problem of the snapshot.
   */
  public StateSnapshot snapshot() {
    return new StateSnapshotReader().read(files);
  }

  /** The bytes at {@code path}, if it was read. */
  public Optional<byte[]> file(String path) {
    return Optional.ofNullable(files.get(path)).map(byte[]::clone);
  }

  /** The UTF-8 text at {@code path}, if it was read. */
  public Optional<String> text(String path) {
    return Optional.ofNullable(files.get(path)).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The paths under {@code directory} (for example {@code images}), sorted. */
  public List<String> list(String directory) {
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    return files.subMap(prefix, prefix.substring(0, prefix.length() - 1) + '0').keySet().stream()
        .toList();
  }

  @Override
  public String toString() {
    return "StateTree[" + commitId + ", " + files.size() + " files]";
  }

  private static boolean isStateFile(String path) {
    return path.startsWith(StateFileStore.IMAGES_DIR + "/")
        || path.startsWith(StateFileStore.BASE_IMAGES_DIR + "/");
  }
}
