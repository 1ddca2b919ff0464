package io.imagefactory.dockerfile;

import static io.imagefactory.dockerfile.AnalysisRows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic multi-stage Dockerfiles of the kinds platform teams write, and the example state
 * repository's Dockerfiles, each with the exact base images expected.
 */
class DockerfileAnalyzerFixturesTest {

  private static final String TEMURIN_DIGEST =
      "sha256:7474a69bfd2affb85a9af640eec5773c414c5062460ef28b3d45ee26a501beec";

  private final DockerfileAnalyzer analyzer = new DockerfileAnalyzer();

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(
            "go-distroless.Dockerfile",
            Map.of(),
            List.of(
                "5 FROM build docker.io/library/golang:1.23-bookworm golang-1.23-bookworm",
                "18 FROM 1 gcr.io/distroless/static-debian12:nonroot"
                    + " distroless-static-debian12-nonroot")),
        Arguments.of(
            "go-distroless.Dockerfile",
            Map.of("GO_VERSION", "1.24"),
            List.of(
                "5 FROM build docker.io/library/golang:1.24-bookworm golang-1.24-bookworm",
                "18 FROM 1 gcr.io/distroless/static-debian12:nonroot"
                    + " distroless-static-debian12-nonroot")),
        Arguments.of(
            "node-app.Dockerfile",
            Map.of(),
            List.of(
                "4 FROM base docker.io/library/node:22.11.0-bookworm-slim "
                    + "node-22.11.0-bookworm-slim",
                "20 FROM runtime gcr.io/distroless/nodejs22-debian12:nonroot"
                    + " distroless-nodejs22-debian12-nonroot")),
        Arguments.of(
            "python-uv.Dockerfile",
            Map.of(),
            List.of(
                "2 FROM uv ghcr.io/astral-sh/uv:0.5.11 astral-sh-uv-0.5.11",
                "4 FROM builder docker.io/library/python:3.12-slim-bookworm"
                    + " python-3.12-slim-bookworm")),
        Arguments.of(
            "python-pip.Dockerfile",
            Map.of(),
            List.of(
                "3 FROM wheels docker.io/library/python:3.11-slim python-3.11-slim",
                "9 COPY 1 ghcr.io/astral-sh/uv:latest astral-sh-uv-latest")),
        Arguments.of(
            "java-maven.Dockerfile",
            Map.of(),
            List.of(
                "1 FROM build docker.io/library/maven:3.9-eclipse-temurin-21"
                    + " maven-3.9-eclipse-temurin-21",
                "8 FROM 1 docker.io/library/eclipse-temurin:21-jre-jammy "
                    + "eclipse-temurin-21-jre-jammy")),
        Arguments.of(
            "java-gradle.Dockerfile",
            Map.of(),
            List.of(
                "4 FROM build docker.io/library/gradle:8.10-jdk21 gradle-8.10-jdk21",
                "10 FROM layers docker.io/library/eclipse-temurin:21-jre@"
                    + TEMURIN_DIGEST
                    + " eclipse-temurin-21-jre pinned")),
        Arguments.of(
            "dotnet.Dockerfile",
            Map.of(),
            List.of(
                "2 FROM build mcr.microsoft.com/dotnet/sdk:8.0 dotnet-sdk-8.0",
                "10 FROM 1 mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled"
                    + " dotnet-aspnet-8.0-jammy-chiseled")),
        Arguments.of(
            "rust-distroless.Dockerfile",
            Map.of(),
            List.of(
                "1 FROM build docker.io/library/rust:1.83-slim-bookworm rust-1.83-slim-bookworm",
                "8 FROM 2 gcr.io/distroless/cc-debian12:latest distroless-cc-debian12-latest")),
        Arguments.of(
            "windows.Dockerfile",
            Map.of(),
            List.of(
                "3 FROM build mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022"
                    + " dotnet-framework-sdk-4.8-windowsservercore-ltsc2022",
                "10 FROM 1 mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022"
                    + " dotnet-framework-aspnet-4.8-windowsservercore-ltsc2022")),
        Arguments.of(
            "heredoc.Dockerfile",
            Map.of(),
            List.of(
                "2 FROM setup docker.io/library/debian:bookworm-slim debian-bookworm-slim",
                "22 FROM 1 docker.io/library/nginx:1.27-alpine nginx-1.27-alpine")),
        Arguments.of(
            "run-mount.Dockerfile",
            Map.of(),
            List.of(
                "2 FROM build docker.io/library/golang:1.23-alpine golang-1.23-alpine",
                "8 FROM 1 docker.io/library/alpine:3.20 alpine-3.20",
                "10 RUN 1 cgr.dev/chainguard/static:latest chainguard-static-latest",
                "12 RUN 1 docker.io/library/busybox:1.36 busybox-1.36")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("fixtures")
  void findsTheBaseImagesOfRealisticDockerfiles(
      String fixture, Map<String, String> buildArgs, List<String> expected) throws Exception {
    DockerfileAnalysis analysis = analyzer.analyze(fixture, fixture(fixture), buildArgs);

    assertThat(rows(analysis)).containsExactlyElementsOf(expected);
    assertThat(analysis.warnings()).isEmpty();
  }

  @Test
  void analysesEveryExampleDockerfileWithTheBuildArgsOfImagesYaml() throws Exception {
    Path examples = Path.of(System.getProperty("image-factory.project-dir"), "examples");
    JsonNode catalog =
        new ObjectMapper(new YAMLFactory()).readTree(examples.resolve("images.yaml").toFile());
    Map<String, List<String>> expected =
        Map.of(
            "api",
                List.of(
                    "6 FROM build docker.io/library/golang:1.23-bookworm golang-1.23-bookworm",
                    "12 FROM 1 gcr.io/distroless/static-debian12:nonroot"
                        + " distroless-static-debian12-nonroot"),
            "base-python", List.of("3 FROM 0 docker.io/library/python:3.12-slim python-3.12-slim"),
            "image-factory-worker",
                List.of("6 FROM 0 docker.io/library/eclipse-temurin:17-jre eclipse-temurin-17-jre"),
            "nginx", List.of("5 FROM 0 docker.io/library/nginx:1.27-alpine nginx-1.27-alpine"),
            "reports",
                List.of(
                    "4 FROM 0 ghcr.io/example-org/base-python:latest "
                        + "example-org-base-python-latest"),
            "web",
                List.of(
                    "4 FROM deps docker.io/library/node:22-bookworm-slim node-22-bookworm-slim"));

    Map<String, List<String>> actual = new HashMap<>();
    for (JsonNode image : catalog.get("images")) {
      JsonNode source = image.get("source");
      if (source == null) {
        continue;
      }
      Path dockerfile = examples.resolve(source.get("dockerfile").asText());
      Map<String, String> buildArgs = new HashMap<>();
      if (source.has("buildArgs")) {
        source
            .get("buildArgs")
            .fields()
            .forEachRemaining(arg -> buildArgs.put(arg.getKey(), arg.getValue().asText()));
      }
      DockerfileAnalysis analysis =
          analyzer.analyze(dockerfile.toString(), Files.readString(dockerfile), buildArgs);
      assertThat(analysis.warnings()).as(dockerfile.toString()).isEmpty();
      actual.put(dockerfile.getParent().getFileName().toString(), rows(analysis));
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(new TreeSet<>(actual.keySet()))
        .isEqualTo(exampleDirectoriesWithDockerfiles(examples));
  }

  private static TreeSet<String> exampleDirectoriesWithDockerfiles(Path examples)
      throws IOException {
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(examples.resolve("example-images"))) {
      dirs.filter(dir -> Files.isRegularFile(dir.resolve("Dockerfile")))
          .forEach(dir -> names.add(dir.getFileName().toString()));
    }
    return names;
  }

  static String fixture(String name) throws IOException {
    try (InputStream in =
        DockerfileAnalyzerFixturesTest.class.getResourceAsStream("/dockerfiles/" + name)) {
      if (in == null) {
        throw new IOException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
