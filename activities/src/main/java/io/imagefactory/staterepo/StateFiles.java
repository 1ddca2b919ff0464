package io.imagefactory.staterepo;

import io.imagefactory.git.RepoPaths;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * An in-memory view of the state repository's files at one commit, edited by {@link StatePatch}es.
 * Reads go to the object database lazily; writes and deletes are kept aside until the commit is
 * built. {@code images.yaml} cannot be written, and no path may leave the repository.
 */
public final class StateFiles {

  private final ObjectReader reader;
  private final TreeMap<String, ObjectId> base;
  private TreeMap<String, byte[]> overlay = new TreeMap<>();
  private int modifications;

  StateFiles(ObjectReader reader, TreeMap<String, ObjectId> base) {
    this.reader = reader;
    this.base = base;
  }

  /** The bytes at {@code path}, or empty when there is no such file. */
  public Optional<byte[]> read(String path) {
    String p = RepoPaths.normalize(path);
    if (overlay.containsKey(p)) {
      byte[] b = overlay.get(p);
      return b == null ? Optional.empty() : Optional.of(b.clone());
    }
    ObjectId id = base.get(p);
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(reader.open(id, Constants.OBJ_BLOB).getBytes(Integer.MAX_VALUE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + " from the state repository", e);
    }
  }

  /**
   * The git blob id of the file at {@code path}, or empty when there is no such file: equal ids,
   * equal bytes. Lets a renderer tell unchanged files from changed ones without reading them.
   */
  public Optional<String> contentId(String path) {
    String p = RepoPaths.normalize(path);
    if (overlay.containsKey(p)) {
      byte[] b = overlay.get(p);
      return b == null ? Optional.empty() : Optional.of(contentIdOf(b));
    }
    ObjectId id = base.get(p);
    return id == null ? Optional.empty() : Optional.of(id.name());
  }

  /**
   * What {@link #contentId} names a file holding {@code content}: its git blob id, hashed with the
   * JDK's SHA-1, several times faster than JGit's collision-detecting one on a large file.
   */
  public static String contentIdOf(byte[] content) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(Constants.encodedTypeString(Constants.OBJ_BLOB));
      sha1.update((byte) ' ');
      sha1.update(Constants.encodeASCII(content.length));
      sha1.update((byte) 0);
      sha1.update(content);
      return ObjectId.fromRaw(sha1.digest()).name();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** The image and base-image state files of this view, parsed, as patches need them. */
  public StateSnapshot snapshot() {
    Map<String, byte[]> state = new TreeMap<>();
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      for (String path : list(dir)) {
        read(path).ifPresent(bytes -> state.put(path, bytes));
      }
    }
    return new StateSnapshotReader().read(state);
  }

  /** The UTF-8 text at {@code path}, or empty when there is no such file. */
  public Optional<String> readString(String path) {
    return read(path).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** True when a file exists at {@code path}. */
  public boolean exists(String path) {
    return isFile(RepoPaths.normalize(path));
  }

  /** Every file under {@code directory} (recursively, sorted); {@code ""} lists the whole tree. */
  public List<String> list(String directory) {
    String prefix = directory.isEmpty() ? "" : RepoPaths.normalize(directory) + "/";
    TreeMap<String, Boolean> seen = new TreeMap<>();
    under(base, prefix).keySet().forEach(p -> seen.put(p, true));
    under(overlay, prefix).keySet().forEach(p -> seen.put(p, true));
    List<String> files = new ArrayList<>();
    for (String p : seen.keySet()) {
      if (isFile(p)) {
        files.add(p);
      }
    }
    return files;
  }

  /** Writes {@code content} at {@code path}; writing the same bytes again changes nothing. */
  public void write(String path, byte[] content) {
    String p = writablePath(path);
    for (int slash = p.indexOf('/'); slash > 0; slash = p.indexOf('/', slash + 1)) {
      if (isFile(p.substring(0, slash))) {
        throw new IllegalArgumentException(
            "cannot write " + p + ": '" + p.substring(0, slash) + "' is a file, not a directory");
      }
    }
    if (!list(p).isEmpty()) {
      throw new IllegalArgumentException("cannot write " + p + ": it is a directory");
    }
    Optional<byte[]> current = read(p);
    if (current.isEmpty() || !Arrays.equals(current.get(), content)) {
      overlay.put(p, content.clone());
      modifications++;
    }
  }

  /** Writes {@code text} as UTF-8 at {@code path}. */
  public void writeString(String path, String text) {
    write(path, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes the file at {@code path}; deleting a missing file changes nothing. */
  public void delete(String path) {
    String p = writablePath(path);
    if (isFile(p)) {
      overlay.put(p, null);
      modifications++;
    }
  }

  /** Applies a write or delete; creating and updating a file are the same write here. */
  public void apply(FileChange change) {
    if (change.deletes()) {
      delete(change.path());
    } else {
      write(change.path(), change.content());
    }
  }

  /** How many edits changed a file so far; lets the caller tell which patch did something. */
  int modifications() {
    return modifications;
  }

  /** The overlay as it is now, to roll a rejected patch back to. */
  Map<String, byte[]> checkpoint() {
    return new TreeMap<>(overlay);
  }

  void restore(Map<String, byte[]> checkpoint, int modificationCount) {
    overlay = new TreeMap<>(checkpoint);
    modifications = modificationCount;
  }

  /**
   * The net changes against the commit this view started from, sorted by path; a file the commit
   * did not have is a {@link FileChange.Action#CREATE}.
   */
  List<FileChange> changes() {
    ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
    List<FileChange> changes = new ArrayList<>();
    overlay.forEach(
        (path, content) -> {
          ObjectId before = base.get(path);
          if (content == null) {
            if (before != null) {
              changes.add(FileChange.delete(path));
            }
          } else if (before == null) {
            changes.add(new FileChange(path, FileChange.Action.CREATE, content));
          } else if (!before.equals(hasher.idFor(Constants.OBJ_BLOB, content))) {
            changes.add(new FileChange(path, FileChange.Action.UPDATE, content));
          }
        });
    return changes;
  }

  private String writablePath(String path) {
    String p = RepoPaths.normalize(path);
    if (RepoPaths.isImagesYaml(p)) {
      throw new IllegalArgumentException(
          "images.yaml is the configuration people own; Image Factory never writes or deletes it");
    }
    return p;
  }

  private boolean isFile(String p) {
    return overlay.containsKey(p) ? overlay.get(p) != null : base.containsKey(p);
  }

  private static <V> SortedMap<String, V> under(TreeMap<String, V> map, String prefix) {
    return prefix.isEmpty()
        ? map
        : map.subMap(prefix, prefix.substring(0, prefix.length() - 1) + '0');
  }
}
