package io.imagefactory.statefiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Reads the state files of a state repository checked out on disk: {@code images/*.yaml} and {@code
 * base-images/*.yaml}, regular files only. A symbolic link, an oversized or unreadable file is
 * reported as a problem rather than followed or loaded.
 */
public final class StateDirectoryReader {

  private final StateSnapshotReader reader = new StateSnapshotReader();

  /** The snapshot of the state files under {@code root}; missing directories mean no files. */
  public StateSnapshot read(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    List<StateFileProblem> directoryProblems = new ArrayList<>();
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      Path directory = root.resolve(dir);
      if (Files.isSymbolicLink(directory)) {
        paths.add(null);
        found.add(null);
        directoryProblems.add(
            new StateFileProblem(
                dir, "is a symbolic link; state directories must be real directories"));
        continue;
      }
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> entries =
          Files.newDirectoryStream(directory, "*" + StateFileStore.SUFFIX)) {
        for (Path file : entries) {
          found.add(file);
          paths.add(dir + "/" + file.getFileName());
        }
      }
    }
    // Thousands of small files: read them on every core, then report in listing order.
    Object[] read = new Object[found.size()];
    IntStream range = IntStream.range(0, found.size());
    (found.size() >= 256 ? range.parallel() : range)
        .forEach(i -> read[i] = found.get(i) == null ? null : readFile(found.get(i), paths.get(i)));
    Map<String, byte[]> files = new TreeMap<>();
    List<StateFileProblem> problems = new ArrayList<>();
    Iterator<StateFileProblem> directories = directoryProblems.iterator();
    for (int i = 0; i < read.length; i++) {
      if (found.get(i) == null) {
        problems.add(directories.next());
      } else if (read[i] instanceof byte[] content) {
        files.put(paths.get(i), content);
      } else if (read[i] instanceof StateFileProblem problem) {
        problems.add(problem);
      }
    }
    return reader.read(files, problems);
  }

  /**
   * Up to {@code MAX_BYTES + 1} bytes of the stream, as {@code readNBytes(MAX_BYTES + 1)} gives
   * them, read into one array of the size the file had when listed: {@code readNBytes(int)} would
   * zero an 8 KiB buffer for each of thousands of small files.
   */
  private static byte[] readUpToLimit(InputStream in, long listedSize) throws IOException {
    int limit = StateFileStore.MAX_BYTES + 1;
    int expected = (int) Math.min(listedSize + 1, limit);
    byte[] content = new byte[expected];
    int read = in.readNBytes(content, 0, expected);
    if (read < expected) {
      return Arrays.copyOf(content, read);
    }
    // The file grew since it was listed (or is over the limit): read on as before.
    byte[] rest = in.readNBytes(limit - read);
    byte[] all = Arrays.copyOf(content, read + rest.length);
    System.arraycopy(rest, 0, all, read, rest.length);
    return all;
  }

  /** The file's content, a problem, or null for what is not a regular file. */
  private static Object readFile(Path file, String path) {
    BasicFileAttributes attributes;
    try {
      // One lstat answers both questions.
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
    if (attributes.isSymbolicLink()) {
      return new StateFileProblem(path, "is a symbolic link; state files must be regular files");
    }
    if (!attributes.isRegularFile()) {
      return null;
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return readUpToLimit(in, attributes.size());
    } catch (IOException e) {
      return new StateFileProblem(path, "unreadable: " + e.getMessage());
    }
  }
}
