package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.CatalogFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryReaderTest {

  private final StateDirectoryReader reader = new StateDirectoryReader();

  @Test
  void readsTheStateFilesOfADirectory(@TempDir Path root) throws IOException {
    copySeed(root, "images/backstage.yaml");
    copySeed(root, "images/postgres.yaml");
    copySeed(root, "base-images/node-22-bookworm-slim.yaml");
    Files.writeString(root.resolve("images/notes.txt"), "not state");

    StateSnapshot snapshot = reader.read(root);

    assertThat(snapshot.images().keySet()).containsExactly("backstage", "postgres");
    assertThat(snapshot.baseImages().keySet()).containsExactly("node-22-bookworm-slim");
    assertThat(snapshot.problems()).isEmpty();
  }

  @Test
  void treatsMissingDirectoriesAsNoStateYet(@TempDir Path root) throws IOException {
    StateSnapshot snapshot = reader.read(root);

    assertThat(snapshot.images()).isEmpty();
    assertThat(snapshot.baseImages()).isEmpty();
    assertThat(snapshot.problems()).isEmpty();
  }

  @Test
  void refusesSymbolicLinksInsteadOfFollowingThem(@TempDir Path root, @TempDir Path elsewhere)
      throws IOException {
    Path outside = elsewhere.resolve("secret.yaml");
    Files.writeString(outside, "name: secret\n");
    Files.createDirectories(root.resolve("images"));
    Files.createSymbolicLink(root.resolve("images/secret.yaml"), outside);
    Files.createDirectories(elsewhere.resolve("bases"));
    Files.createSymbolicLink(root.resolve("base-images"), elsewhere.resolve("bases"));

    StateSnapshot snapshot = reader.read(root);

    assertThat(snapshot.images()).isEmpty();
    assertThat(snapshot.problems())
        .extracting(StateFileProblem::toString)
        .containsExactly(
            "images/secret.yaml: is a symbolic link; state files must be regular files",
            "base-images: is a symbolic link; state directories must be real directories");
  }

  @Test
  void reportsAnOversizedFileWithoutLoadingAllOfIt(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("images"));
    Files.write(root.resolve("images/big.yaml"), new byte[StateFileStore.MAX_BYTES + 10]);

    assertThat(reader.read(root).problems())
        .extracting(StateFileProblem::toString)
        .containsExactly("images/big.yaml: is larger than 1024 KiB");
  }

  @Test
  void readsFilesOfEverySizeWhole(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("images"));
    for (int size : new int[] {0, 1, 8191, 8192, 8193, 100_000}) {
      Files.writeString(
          root.resolve("images/f" + size + ".yaml"), "name: f" + size + "\n#" + "x".repeat(size));
    }

    StateSnapshot snapshot = reader.read(root);

    assertThat(snapshot.images().keySet())
        .containsExactlyInAnyOrder("f0", "f1", "f8191", "f8192", "f8193", "f100000");
    assertThat(snapshot.problems()).isEmpty();
  }

  private static void copySeed(Path root, String path) throws IOException {
    Path target = root.resolve(path);
    Files.createDirectories(target.getParent());
    Files.write(target, CatalogFixtures.resource("seed004/" + path));
  }
}
