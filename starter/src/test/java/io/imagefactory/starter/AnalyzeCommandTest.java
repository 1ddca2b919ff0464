package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

  private static final String DIGEST =
      "sha256:0d4d4e9a0b2b7f6f8a4b1f1e1f4ce7d6a4c9b1e3a5b2c7d8e9f0a1b2c3d4e5f6";
  private static final String DOCKERFILE =
      """
      ARG GO_VERSION=1.22
      ARG BASE
      FROM golang:${GO_VERSION}-bookworm AS build
      FROM $BASE AS tools
      FROM gcr.io/distroless/static-debian12@%s
      COPY --from=build /out/app /app
      """
          .formatted(DIGEST);

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return StarterCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path dockerfile(String content) throws Exception {
    Path file = dir.resolve("Dockerfile");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void printsATableOfBaseImagesThenWarnings() throws Exception {
    Path file = dockerfile(DOCKERFILE);

    int code = run("analyze", file.toString(), "--build-arg", "GO_VERSION=1.23");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).isEmpty();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(cells(lines.get(0)))
        .containsExactly("REF", "NAME", "INSTRUCTION", "LINE", "STAGE", "PINNED");
    assertThat(cells(lines.get(1)))
        .containsExactly(
            "docker.io/library/golang:1.23-bookworm",
            "golang-1.23-bookworm",
            "FROM",
            "3",
            "build",
            "no");
    assertThat(cells(lines.get(2)))
        .containsExactly(
            "gcr.io/distroless/static-debian12@" + DIGEST,
            "distroless-static-debian12-sha256-0d4d4e9a0b2b",
            "FROM",
            "5",
            "2",
            "yes");
    for (String column : List.of("NAME", "INSTRUCTION", "LINE", "STAGE", "PINNED")) {
      int start = lines.get(0).indexOf(column);
      assertThat(lines.get(1).charAt(start - 1)).isEqualTo(' ');
      assertThat(lines.get(1).charAt(start)).isNotEqualTo(' ');
      assertThat(lines.get(2).charAt(start)).isNotEqualTo(' ');
    }
    assertThat(lines.subList(3, 6))
        .containsExactly(
            "",
            "Warnings:",
            "  "
                + file
                + ":4: FROM image \"$BASE\" skipped:"
                + " ARG BASE has no default and no build arg sets it");
  }

  private static List<String> cells(String line) {
    return List.of(line.split(" {2,}"));
  }

  @Test
  void printsJsonWithNullsForAbsentTagAndDigest() throws Exception {
    Path file = dockerfile(DOCKERFILE);

    int code = run("analyze", file.toString(), "--json", "--build-arg", "BASE=alpine:3.20");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.fieldNames()).toIterable().containsExactly("baseImages", "warnings");
    assertThat(json.get("warnings")).isEmpty();
    JsonNode images = json.get("baseImages");
    assertThat(images).hasSize(3);
    JsonNode golang = images.get(0);
    assertThat(golang.fieldNames())
        .toIterable()
        .containsExactly(
            "ref",
            "name",
            "registry",
            "repository",
            "tag",
            "digest",
            "instruction",
            "line",
            "stage",
            "pinned");
    assertThat(golang.get("ref").asText()).isEqualTo("docker.io/library/golang:1.22-bookworm");
    assertThat(golang.get("name").asText()).isEqualTo("golang-1.22-bookworm");
    assertThat(golang.get("registry").asText()).isEqualTo("docker.io");
    assertThat(golang.get("repository").asText()).isEqualTo("library/golang");
    assertThat(golang.get("tag").asText()).isEqualTo("1.22-bookworm");
    assertThat(golang.get("digest").isNull()).isTrue();
    assertThat(golang.get("instruction").asText()).isEqualTo("FROM");
    assertThat(golang.get("line").asInt()).isEqualTo(3);
    assertThat(golang.get("stage").asText()).isEqualTo("build");
    assertThat(golang.get("pinned").asBoolean()).isFalse();
    assertThat(images.get(1).get("ref").asText()).isEqualTo("docker.io/library/alpine:3.20");
    JsonNode distroless = images.get(2);
    assertThat(distroless.get("tag").isNull()).isTrue();
    assertThat(distroless.get("digest").asText()).isEqualTo(DIGEST);
    assertThat(distroless.get("pinned").asBoolean()).isTrue();
  }

  @Test
  void listsWarningsInJson() throws Exception {
    Path file = dockerfile("FROM node:${V}\nFROM alpine\n");

    assertThat(run("analyze", "--json", file.toString())).isEqualTo(ExitCodes.OK);

    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("warnings"))
        .extracting(JsonNode::asText)
        .containsExactly(
            file
                + ":1: FROM image \"node:${V}\" skipped:"
                + " V is not a global ARG (declare it before the first FROM)");
  }

  @Test
  void reportsADockerfileErrorWithFileAndLine() throws Exception {
    Path file = dockerfile("# build\nRUN make\nFROM alpine\n");

    int code = run("analyze", file.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip())
        .isEqualTo(
            file + ":2: RUN instruction before the first FROM (only ARG may come before it)");
  }

  @Test
  void neverPrintsTerminalEscapesOrBinaryFromADockerfile() throws Exception {
    Path table = dockerfile("FROM node:22 AS \u001b[2J\u001b[31mbuild\nFROM ${IMG\u0007}\n");
    run("analyze", table.toString());
    Path garbage = dir.resolve("garbage");
    Files.write(
        garbage, new byte[] {'F', 'R', 'O', 'M', ' ', 0x1b, ']', '0', ';', 0x07, 0x00, '\n'});
    run("analyze", garbage.toString());

    String printed = out.toString() + err.toString();
    assertThat(printed).doesNotContain("\u001b", "\u0007", "\u0000");
    assertThat(printed).contains("\\u001b");
  }

  @Test
  void refusesADockerfileOverOneMebibyteWithoutAnalysingIt() throws Exception {
    Path file = dockerfile("FROM alpine\n" + "#".repeat(1024 * 1024));

    assertThat(run("analyze", file.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString().strip()).isEqualTo(file + ":0: the Dockerfile is larger than 1 MiB");
  }

  @Test
  void reportsAMissingFileAsAnIoError() {
    Path missing = dir.resolve("nope/Dockerfile");

    int code = run("analyze", missing.toString());

    assertThat(code).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().strip()).isEqualTo("cannot read " + missing + ": no such file");
  }

  @Test
  void reportsADirectoryAsAnIoError() {
    assertThat(run("analyze", dir.toString())).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString().strip()).isEqualTo("cannot read " + dir + ": it is a directory");
  }

  @Test
  void rejectsABuildArgWithoutEqualsAsAUsageError() throws Exception {
    Path file = dockerfile("FROM alpine\n");

    int code = run("analyze", file.toString(), "--build-arg", "GO_VERSION");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("GO_VERSION")
        .contains("KEY=VALUE")
        .contains("Usage: image-factory analyze");
  }

  @Test
  void acceptsEmptyBuildArgValuesAndValuesWithEquals() throws Exception {
    Path file = dockerfile("ARG A\nARG B\nFROM node:${A:-22}${B}\n");

    int code =
        run("analyze", file.toString(), "--build-arg", "A=", "--build-arg", "B=-x=y", "--json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("baseImages")).isEmpty();
    assertThat(json.get("warnings").get(0).asText()).contains("invalid tag 22-x=y");
  }

  @Test
  void saysSoWhenThereAreNoBaseImages() throws Exception {
    Path file = dockerfile("FROM scratch\nCOPY app /app\n");

    assertThat(run("analyze", file.toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString().lines().toList()).isEqualTo(List.of("No base images found."));
  }

  @Test
  void requiresADockerfileArgument() {
    assertThat(run("analyze")).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("Missing required parameter: '<Dockerfile>'");
  }
}
