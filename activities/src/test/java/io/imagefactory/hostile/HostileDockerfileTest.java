package io.imagefactory.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.enrollment.StateDirectoryAnalyzer;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.hostile.HostileCases.Case;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile Dockerfile of the corpus ({@code hostile/dockerfiles/}) and the large ones
 * generated here go through the analysis {@code plan} runs on a state directory (the analyzer
 * {@code enroll} runs on the same text, read from git): each gives the bases, warnings or failure
 * expected, names the file and line, shows no raw control character, and finishes quickly.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileDockerfileTest {

  private static final int MIB = 1024 * 1024;

  @TempDir Path stateDir;

  static List<Case> corpus() {
    return HostileCases.of("dockerfiles", ".Dockerfile");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void analysesEachCaseAsExpected(Case hostile) throws Exception {
    Files.write(stateDir.resolve("Dockerfile"), hostile.content());

    assertOutcome(analyse(), hostile.expected());
  }

  static Stream<Arguments> generated() {
    return Stream.of(
        generated(
            "a 10 MB Dockerfile",
            dir -> write(dir, "FROM alpine\n" + "#".repeat(10 * MIB)),
            "failed: Dockerfile: is larger than 1 MiB"),
        generated(
            "10,000 stages",
            dir -> write(dir, stages(10_000)),
            "bases: docker.io/library/alpine:3.20"),
        generated(
            "10,000 distinct bases",
            dir -> write(dir, distinctBases(10_000)),
            "bases: docker.io/library/img0:1, docker.io/library/img1:1"),
        generated(
            "a 1 MB line",
            dir -> write(dir, "FROM alpine\nRUN " + "x".repeat(MIB - 20)),
            "bases: docker.io/library/alpine:latest"),
        generated(
            "1 MB of continuations",
            dir -> write(dir, "FROM alpine\nRUN x \\\n" + "y \\\n".repeat((MIB - 40) / 4) + "z\n"),
            "bases: docker.io/library/alpine:latest"),
        generated(
            "64 KB of random bytes",
            dir -> Files.write(dir.resolve("Dockerfile"), randomBytes(65_536)),
            "failed: Dockerfile:"),
        generated(
            "a symbolic link out of the directory",
            dir -> {
              Path outside = Files.createTempFile("outside", ".Dockerfile");
              Files.writeString(outside, "FROM alpine\n");
              outside.toFile().deleteOnExit();
              Files.createSymbolicLink(dir.resolve("Dockerfile"), outside);
            },
            "failed: Dockerfile: resolves outside the state directory"),
        generated(
            "a directory",
            dir -> Files.createDirectory(dir.resolve("Dockerfile")),
            "failed: Dockerfile: is not a regular file"),
        generated("no file", dir -> {}, "failed: Dockerfile: no such file in the state directory"),
        generated(
            "1,000 warnings",
            dir -> write(dir, "FROM $X\n".repeat(1_000)),
            "failed: Dockerfile: no base image found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void analysesEachGeneratedCaseAsExpected(String name, Setup setup, String expected)
      throws Exception {
    setup.accept(stateDir);

    String outcome = analyse();

    assertThat(outcome.length()).isLessThan(2_000_000);
    assertOutcome(outcome, expected);
  }

  /** {@code bases: a, b} with a {@code warning:} line each, or {@code failed: reason}. */
  private String analyse() throws Exception {
    Files.writeString(
        stateDir.resolve(CatalogLoader.FILE_NAME),
        "images:\n  - {name: api, registry: ghcr.io, repository: org/api,"
            + " source: {dockerfile: Dockerfile}}\n");
    Catalog catalog = new CatalogLoader().load(stateDir.resolve(CatalogLoader.FILE_NAME));
    AnalysisOutcome outcome = new StateDirectoryAnalyzer().analyse(stateDir, catalog).get("api");
    if (outcome instanceof AnalysisOutcome.Failure failure) {
      return "failed: " + failure.reason();
    }
    AnalysisOutcome.Success success = (AnalysisOutcome.Success) outcome;
    String bases =
        success.analysis().baseImages().stream()
            .map(BaseImageReference::ref)
            .collect(Collectors.joining(", "));
    return "bases: "
        + (bases.isEmpty() ? "none" : bases)
        + success.analysis().warnings().stream()
            .map(w -> "\nwarning: " + w)
            .collect(Collectors.joining());
  }

  /** The outcome matches; {@code \\n} in an expectation separates the bases from a warning. */
  private static void assertOutcome(String outcome, String written) {
    String expected = written.replace("\\n", "\n");
    HostileCases.assertPrintable(outcome);
    String kind = expected.substring(0, expected.indexOf(':') + 1);
    assertThat(outcome).startsWith(kind).contains(expected);
    if (kind.equals("failed:")) {
      assertThat(outcome).matches("(?s)failed: Dockerfile(:\\d+)?: .*");
    }
  }

  /** Prepares the state directory for one generated case. */
  interface Setup {
    void accept(Path dir) throws Exception;
  }

  private static Arguments generated(String name, Setup setup, String expected) {
    return Arguments.of(name, setup, expected);
  }

  private static void write(Path dir, String content) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), content, StandardCharsets.UTF_8);
  }

  private static String stages(int count) {
    StringBuilder text = new StringBuilder("FROM alpine:3.20 AS s0\n");
    for (int i = 1; i < count; i++) {
      text.append("FROM s").append(i - 1).append(" AS s").append(i).append('\n');
    }
    return text.toString();
  }

  private static String distinctBases(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append("FROM img").append(i).append(":1\n");
    }
    return text.toString();
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(20261201L).nextBytes(bytes);
    return bytes;
  }
}
