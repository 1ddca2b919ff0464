package io.imagefactory.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the state files of a state repository checked out on disk: {@code images/*.yaml} and {@code
 * base-images/*.yaml}, regular files only. A symbolic link, an oversized or unreadable file is
 * reported as a problem rather than followed or loaded.
 */
public final class StateDirectoryReader {

  private final StateSnapshotReader reader = new StateSnapshotReader();

  /** The snapshot of the state files under {@code root}; missing directories mean no files. */
  public StateSnapshot read(Path root) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<StateFileProblem> problems = new ArrayList<>();
    for (String dir : List.of(StateFileStore.IMAGES_DIR, StateFileStore.BASE_IMAGES_DIR)) {
      Path directory = root.resolve(dir);
      if (Files.isSymbolicLink(directory)) {
        problems.add(
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
          String path = dir + "/" + file.getFileName();
          readFile(file, path, files, problems);
        }
      }
    }
    return reader.read(files, problems);
  }

  private static void readFile(
      Path file, String path, Map<String, byte[]> files, List<StateFileProblem> problems) {
    if (Files.isSymbolicLink(file)) {
      problems.add(
          new StateFileProblem(path, "is a symbolic link; state files must be regular files"));
      return;
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] content = in.readNBytes(StateFileStore.MAX_BYTES + 1);
      files.put(path, content);
    } catch (IOException e) {
      problems.add(new StateFileProblem(path, "unreadable: " + e.getMessage()));
    }
  }
}
