package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.fuzz.FuzzRuns;
import io.imagefactory.reference.ResourceNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the {@code images.yaml} loader on generated files (tokens of YAML and of the
 * fields, and mutations of the hostile corpus): it returns a catalog or throws a {@link
 * CatalogException} whose every error names the file, never anything else, never hangs, and shows
 * no unprintable character. A short seeded slice runs in the suite; see {@link FuzzRuns}.
 */
class CatalogLoaderPropertyTest {

  private static final List<String> TOKENS =
      List.of(
          "images:",
          "\n",
          "\n",
          "  ",
          "  ",
          "- ",
          "name: ",
          "registry: ",
          "repository: ",
          "source:",
          "dockerfile: ",
          "repo: ",
          "branch: ",
          "workflow: ",
          "buildArgs: ",
          "rebuildDelay: ",
          "autoRebuild: ",
          "allowTags: ",
          "imageSelectionStrategy: ",
          "api",
          "ghcr.io",
          "docker.io",
          "library/postgres",
          "Dockerfile",
          "7d",
          "P7D",
          "true",
          "42",
          "&a ",
          "*a",
          "<<: ",
          "!!binary ",
          "!!java.lang.Runtime ",
          "!x ",
          "[",
          "]",
          "{",
          "}",
          ",",
          ":",
          "'",
          "\"",
          "\\",
          "#",
          "---",
          "|",
          ">",
          "? ",
          "~",
          "\t",
          "\0",
          "\u001b[31m",
          "\u202e",
          "\ufeff",
          "..",
          "/");

  private final CatalogLoader loader = new CatalogLoader();

  @Test
  void loadsGeneratedFilesOrRefusesThemClearly() {
    FuzzRuns.check(
        "loading a generated images.yaml",
        random ->
            FuzzRuns.tokens(random, TOKENS, 200).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        Duration.ofSeconds(10),
        this::loadOrRefuse);
  }

  @Test
  void loadsMutatedCorpusFilesOrRefusesThemClearly() throws Exception {
    List<byte[]> corpus = corpus();
    FuzzRuns.check(
        "loading a mutated corpus images.yaml",
        random -> FuzzRuns.mutate(random, corpus.get(random.nextInt(corpus.size()))),
        Duration.ofSeconds(10),
        this::loadOrRefuse);
  }

  private void loadOrRefuse(byte[] content) {
    try {
      Catalog catalog = loader.parse("images.yaml", content);
      for (ImageEntry entry : catalog.entries()) {
        assertThat(ResourceNames.problem(entry.name())).isEmpty();
      }
    } catch (CatalogException e) {
      assertThat(e.errors()).isNotEmpty();
      for (CatalogError error : e.errors()) {
        assertThat(error.toString()).startsWith("images.yaml");
        assertThat(error.toString().length()).isLessThan(2_000);
        FuzzRuns.assertPrintable(error.toString());
      }
    }
  }

  private static List<byte[]> corpus() throws Exception {
    Path dir = Path.of(CatalogLoaderPropertyTest.class.getResource("/hostile/images-yaml").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(
              f -> {
                try {
                  return Files.readAllBytes(f);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              })
          .toList();
    }
  }
}
