package io.imagefactory.bench.staterepo;

import io.imagefactory.staterepo.GitFixtures;
import io.imagefactory.staterepo.GitFixtures.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/** Generated repositories for the state-repository harnesses. */
public final class BenchRepos {

  private BenchRepos() {}

  /**
   * A bare state repository with {@code images.yaml} and {@code stateFiles} state files, half of
   * them under {@code images/}, half under {@code base-images/}, each a few hundred bytes.
   */
  static void stateRepo(Path dir, int stateFiles) throws IOException {
    try (Repository repo = GitFixtures.bare(dir)) {
      List<Entry> entries = new ArrayList<>();
      StringBuilder imagesYaml = new StringBuilder();
      for (int i = 0; i < stateFiles / 2; i++) {
        String name = String.format("image-%05d", i);
        imagesYaml
            .append("- name: ")
            .append(name)
            .append("\n  registry: ghcr.io\n  repository: acme/")
            .append(name)
            .append('\n');
        entries.add(
            Entry.file("images/" + name + ".yaml", stateFile(name, "sha256:" + "0".repeat(64))));
        entries.add(
            Entry.file(
                "base-images/base-" + i + ".yaml",
                stateFile("base-" + i, "sha256:" + "1".repeat(64))));
      }
      entries.add(Entry.file("images.yaml", imagesYaml.toString()));
      GitFixtures.commit(repo, "main", "generated state", entries);
      pack(repo);
    }
  }

  /** Packs the generated loose objects, as any server's repository is packed. */
  static void pack(Repository repo) throws IOException {
    try {
      Git.wrap(repo).gc().call();
    } catch (GitAPIException e) {
      throw new IOException(e);
    }
  }

  static String stateFile(String name, String digest) {
    return "name: "
        + name
        + "\nenrolledAt: \"2025-01-01T00:00:00Z\"\ndiscoveryStatus: success\n"
        + "baseImages:\n  - node-22-bookworm-slim\ncurrentDigest: "
        + digest
        + "\n"
        + "rebuildState:\n  status: monitoring\n  pendingRebuild: false\n";
  }

  static Path tempDir(String prefix) throws IOException {
    return Files.createTempDirectory(prefix);
  }

  /** Deletes {@code dir} and everything below it. */
  public static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }
}
