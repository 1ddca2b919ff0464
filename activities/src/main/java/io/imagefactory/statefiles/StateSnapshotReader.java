package io.imagefactory.statefiles;

import io.imagefactory.reference.ResourceNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Builds a {@link StateSnapshot} from state files given as (path, bytes), wherever they come from:
 * a directory, a git tree. Files outside {@code images/*.yaml} and {@code base-images/*.yaml} are
 * ignored; a file that cannot be read becomes a {@link StateFileProblem}, never an exception.
 */
public final class StateSnapshotReader {

  /** Below this many files, reading them on one thread is quicker than handing them out. */
  private static final int PARALLEL_FROM = 256;

  private final StateFileStore store = new StateFileStore();

  /**
   * Reads the state files among {@code files}.
   *
   * @param files path relative to the repository root to content
   * @param problems files already known to be unreadable (for instance too large to load)
   */
  public StateSnapshot read(Map<String, byte[]> files, List<StateFileProblem> problems) {
    List<Map.Entry<String, byte[]>> sorted = new ArrayList<>(new TreeMap<>(files).entrySet());
    Object[] read = new Object[sorted.size()];
    IntStream range = IntStream.range(0, sorted.size());
    // A state repository holds thousands of files; reading them is the bulk of a render.
    (sorted.size() >= PARALLEL_FROM ? range.parallel() : range)
        .forEach(i -> read[i] = readOne(sorted.get(i).getKey(), sorted.get(i).getValue()));
    Map<String, ImageState> images = new TreeMap<>();
    Map<String, BaseImageState> bases = new TreeMap<>();
    List<StateFileProblem> found = new ArrayList<>(problems);
    for (int i = 0; i < read.length; i++) {
      String path = sorted.get(i).getKey();
      if (read[i] instanceof ImageState image) {
        images.put(nameIn(path, StateFileStore.IMAGES_DIR).orElseThrow(), image);
      } else if (read[i] instanceof BaseImageState base) {
        bases.put(nameIn(path, StateFileStore.BASE_IMAGES_DIR).orElseThrow(), base);
      } else if (read[i] instanceof StateFileProblem problem) {
        found.add(problem);
      }
    }
    return new StateSnapshot(images, bases, found);
  }

  /** The state in one file, the problem with it, or null for a file that is not a state file. */
  private Object readOne(String path, byte[] content) {
    Optional<String> image = nameIn(path, StateFileStore.IMAGES_DIR);
    Optional<String> base = nameIn(path, StateFileStore.BASE_IMAGES_DIR);
    try {
      if (image.isPresent()) {
        checked(path, image.get());
        return store.readImage(path, content);
      } else if (base.isPresent()) {
        checkedBase(path, base.get());
        return store.readBaseImage(path, content);
      }
      return null;
    } catch (StateFileException e) {
      return e.problem();
    }
  }

  /** Reads the state files among {@code files}. */
  public StateSnapshot read(Map<String, byte[]> files) {
    return read(files, List.of());
  }

  /** The snapshot after {@code changes}: what reading the changed files back would give. */
  public StateSnapshot apply(StateSnapshot snapshot, List<FileChange> changes) {
    Map<String, byte[]> files = new TreeMap<>();
    StateFileStore writer = new StateFileStore();
    snapshot
        .images()
        .forEach(
            (name, state) -> files.put(StateFileStore.imagePath(name), bytes(writer.write(state))));
    snapshot
        .baseImages()
        .forEach(
            (name, state) ->
                files.put(StateFileStore.baseImagePath(name), bytes(writer.write(state))));
    for (FileChange change : changes) {
      if (change.deletes()) {
        files.remove(change.path());
      } else {
        files.put(change.path(), change.content());
      }
    }
    return read(files, snapshot.problems());
  }

  /** The name of a state file directly in {@code dir}, when {@code path} is one. */
  public static Optional<String> nameIn(String path, String dir) {
    String prefix = dir + "/";
    if (!path.startsWith(prefix) || !path.endsWith(StateFileStore.SUFFIX)) {
      return Optional.empty();
    }
    String name = path.substring(prefix.length(), path.length() - StateFileStore.SUFFIX.length());
    return name.contains("/") ? Optional.empty() : Optional.of(name);
  }

  private static String checked(String path, String name) throws StateFileException {
    Optional<String> problem = ResourceNames.problem(name);
    if (problem.isPresent()) {
      throw new StateFileException(path, "the file name is not a valid name: " + problem.get());
    }
    return name;
  }

  private static String checkedBase(String path, String name) throws StateFileException {
    if (!ResourceNames.isValidBaseName(name)) {
      throw new StateFileException(
          path,
          "the file name is not a valid base-image name: use lower-case letters, digits, '-' and"
              + " '.', starting and ending with a letter or digit, at most 63 characters");
    }
    return name;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
