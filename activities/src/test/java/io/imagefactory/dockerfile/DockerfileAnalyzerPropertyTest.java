package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.fuzz.FuzzRuns;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of the analyzer on generated Dockerfiles (tokens of the syntax, and mutations of the
 * hostile corpus): it returns or throws a {@link DockerfileSyntaxException} naming the file and
 * line, never anything else, never hangs, and shows no unprintable character in any message or
 * warning. A short seeded slice runs in the suite; see {@link FuzzRuns} to run it longer.
 */
class DockerfileAnalyzerPropertyTest {

  private static final List<String> TOKENS =
      List.of(
          "FROM ",
          "from ",
          "ARG ",
          "COPY ",
          "ADD ",
          "RUN ",
          "ENV ",
          "LABEL ",
          "ONBUILD ",
          " AS ",
          "--from=",
          "--mount=from=",
          "--platform=$BUILDPLATFORM ",
          "$",
          "${",
          "}",
          ":-",
          ":+",
          "#",
          "##",
          "%",
          "%%",
          "/",
          "//",
          "*",
          "?",
          "\\",
          "`",
          "'",
          "\"",
          "<<EOF",
          "<<-E",
          "EOF",
          "\n",
          "\n",
          "\n",
          "\r\n",
          " ",
          "\t",
          "=",
          "node",
          "alpine:3.20",
          "@sha256:",
          "ghcr.io/",
          "localhost:5000/",
          "scratch",
          "V",
          "A",
          "TARGETOS",
          "build",
          "# escape=`",
          "[",
          "]",
          "\0",
          "\u001b[31m",
          "\u202e");

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();

  @Test
  void analysesGeneratedDockerfilesOrRefusesThemClearly() {
    FuzzRuns.check(
        "analysing a generated Dockerfile",
        random -> FuzzRuns.tokens(random, TOKENS, 300),
        Duration.ofSeconds(10),
        this::analyseOrRefuse);
  }

  @Test
  void analysesMutatedCorpusDockerfilesOrRefusesThemClearly() throws Exception {
    List<byte[]> corpus = corpus();
    FuzzRuns.check(
        "analysing a mutated corpus Dockerfile",
        random -> FuzzRuns.mutate(random, corpus.get(random.nextInt(corpus.size()))),
        Duration.ofSeconds(10),
        bytes -> analyseOrRefuse(new String(bytes, StandardCharsets.UTF_8)));
  }

  private void analyseOrRefuse(String content) {
    try {
      DockerfileAnalysis analysis =
          analyzer.analyze("Dockerfile", content, Map.of("A", "1", "V", "1.2.3"));
      analysis.warnings().forEach(FuzzRuns::assertPrintable);
      for (BaseImageReference image : analysis.baseImages()) {
        FuzzRuns.assertPrintable(image.ref());
        assertThat(image.name()).matches("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");
      }
    } catch (DockerfileSyntaxException e) {
      assertThat(e.getMessage()).startsWith("Dockerfile:" + e.line() + ": ");
      assertThat(e.getMessage().length()).isLessThan(2_000);
      FuzzRuns.assertPrintable(e.getMessage());
    }
  }

  private static List<byte[]> corpus() throws Exception {
    Path dir =
        Path.of(DockerfileAnalyzerPropertyTest.class.getResource("/hostile/dockerfiles").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".Dockerfile"))
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
