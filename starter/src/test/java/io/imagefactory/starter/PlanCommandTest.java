package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  private static final String NOW = "2024-12-04T10:00:00Z";

  @TempDir Path dir;

  private StringWriter out = new StringWriter();
  private StringWriter err = new StringWriter();

  @Test
  void plansTheExampleStateRepository() throws IOException {
    copyExamples();

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW);

    assertThat(err.toString()).isEmpty();
    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString().lines().takeWhile(line -> !line.isEmpty()).toList())
        .containsExactly(
            "create base-images/distroless-static-debian12-nonroot.yaml",
            "create base-images/eclipse-temurin-17-jre.yaml",
            "create base-images/golang-1.23-bookworm.yaml",
            "create base-images/nginx-1.27-alpine.yaml",
            "create base-images/node-22-bookworm-slim.yaml",
            "create base-images/python-3.12-slim.yaml",
            "create images/api.yaml",
            "create images/base-python.yaml",
            "create images/image-factory-worker.yaml",
            "create images/nginx-site.yaml",
            "create images/postgres.yaml",
            "create images/reports.yaml",
            "create images/web.yaml");
    assertThat(out.toString())
        .contains(
            "enrolled: api, base-python, image-factory-worker, nginx-site, postgres, reports,"
                + " web\n",
            "analysed: api, base-python, image-factory-worker, nginx-site, reports, web\n",
            "discovered bases: distroless-static-debian12-nonroot, eclipse-temurin-17-jre,"
                + " golang-1.23-bookworm, nginx-1.27-alpine, node-22-bookworm-slim,"
                + " python-3.12-slim\n");
    assertThat(Files.exists(dir.resolve("images"))).isFalse();
  }

  @Test
  void printsJsonWithEachChangesContent() throws IOException {
    copyExamples();

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("changes")).hasSize(13);
    JsonNode reports = change(json, "images/reports.yaml");
    assertThat(reports.get("action").asText()).isEqualTo("create");
    assertThat(reports.get("content").asText())
        .contains("discoveryStatus: success\n", "baseImages:\n  - base-python\n");
    assertThat(change(json, "images/base-python.yaml").get("content").asText())
        .contains("dependentImages:\n  - reports\n");
    assertThat(change(json, "base-images/golang-1.23-bookworm.yaml").get("content").asText())
        .contains("fullImage: golang:1.23-bookworm\n", "allowTags: ^1\\.23-bookworm$\n");
    assertThat(json.get("summary").get("enrolled")).hasSize(7);
    assertThat(json.get("summary").get("failed").isEmpty()).isTrue();
    assertThat(json.get("errors").isEmpty()).isTrue();
  }

  @Test
  void plansNothingOnceTheChangesAreWritten() throws IOException {
    copyExamples();
    run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");
    writeChanges(new ObjectMapper().readTree(out.toString()));
    out = new StringWriter();

    int code = run("plan", "--state-dir", dir.toString(), "--now", "2024-12-24T18:00:00Z");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .startsWith("No changes: the state files are up to date.\n")
        .contains(
            "unchanged: api, base-python, image-factory-worker, nginx-site, postgres, reports,"
                + " web\n");
  }

  @Test
  void reportsEveryErrorOfAnInvalidCatalogOnStderr() throws IOException {
    Files.writeString(
        dir.resolve("images.yaml"),
        """
        images:
          - name: Api
            registry: ghcr.io
            repository: org/api
            rebuildDelay: 7 days
        """);

    int code = run("plan", "--state-dir", dir.toString());

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines().toList())
        .containsExactly(
            "images.yaml:2:5: entry #1: field 'name': \"Api\" must be lower case",
            "images.yaml:5:5: entry #1: field 'rebuildDelay': \"7 days\" is not a duration (use"
                + " 90m, 12h, 7d, 2w or ISO-8601 like P7D)");
  }

  @Test
  void reportsCatalogErrorsInJsonToo() throws IOException {
    Files.writeString(dir.resolve("images.yaml"), "");

    int code = run("plan", "--state-dir", dir.toString(), "--json");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("changes")).isEmpty();
    assertThat(json.get("summary").isNull()).isTrue();
    assertThat(json.get("errors").get(0).asText())
        .isEqualTo("images.yaml: the file is empty (write 'images: []' to enroll no images)");
  }

  @Test
  void failsClearlyWithoutAStateDirectoryOrCatalog() {
    Path missing = dir.resolve("missing");
    assertThat(run("plan", "--state-dir", missing.toString())).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString()).contains("cannot read " + missing + ": not a directory");

    err = new StringWriter();
    assertThat(run("plan", "--state-dir", dir.toString())).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString())
        .contains("cannot read " + dir.resolve("images.yaml") + ": no such file");
  }

  @Test
  void aBrokenDockerfileFailsItsImageButThePlanIsStillPrinted() throws IOException {
    Files.writeString(dir.resolve("images.yaml"), catalog("app", "app/Dockerfile"));
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "# nothing to build from\nRUN true\n");

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW);

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString())
        .contains("create images/app.yaml\n", "failed:\n  app: app/Dockerfile:");
  }

  @Test
  void refusesADockerfileOutsideTheStateDirectory(@TempDir Path elsewhere) throws IOException {
    Files.writeString(elsewhere.resolve("Dockerfile"), "FROM alpine:3.20\n");
    Files.createSymbolicLink(dir.resolve("linked"), elsewhere);
    Files.writeString(dir.resolve("images.yaml"), catalog("app", "linked/Dockerfile"));

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("summary").get("failed").get("app").asText())
        .isEqualTo("linked/Dockerfile: resolves outside the state directory");
    assertThat(json.get("errors").get(0).asText())
        .isEqualTo("image 'app': linked/Dockerfile: resolves outside the state directory");
    assertThat(change(json, "images/app.yaml").get("content").asText())
        .contains("discoveryStatus: failed\n");
  }

  @Test
  void reportsAMissingDockerfile() throws IOException {
    Files.writeString(dir.resolve("images.yaml"), catalog("app", "app/Dockerfile"));

    run("plan", "--state-dir", dir.toString(), "--now", NOW);

    assertThat(out.toString())
        .contains("failed:\n  app: app/Dockerfile: no such file in the state directory\n");
  }

  @Test
  void showsWhatIsWrongWithTheRebuildTargetOfAStateRepositoryImageAndFails() throws IOException {
    Files.writeString(
        dir.resolve("images.yaml"),
        """
        images:
          - name: app
            registry: ghcr.io
            repository: org/app
            source:
              dockerfile: app/Dockerfile
              workflow: build-app.yml
              workflowInputs:
                base_image: "${base.alpine-3.20.ref}"
                environment: production
        """);
    Files.createDirectories(dir.resolve("app"));
    Files.writeString(dir.resolve("app/Dockerfile"), "FROM alpine:3.20\n");
    String missing =
        "images.yaml: image 'app': field 'source.workflow': .github/workflows/build-app.yml does"
            + " not exist in the state directory";

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW);

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString())
        .contains("create images/app.yaml\n", "create base-images/alpine-3.20.yaml\n")
        .contains("analysed: app\n", "invalid rebuild targets:\n  " + missing + "\n");

    Files.createDirectories(dir.resolve(".github/workflows"));
    Files.writeString(
        dir.resolve(".github/workflows/build-app.yml"),
        "on:\n  workflow_dispatch:\n    inputs:\n      base_image: {required: true}\njobs: {}\n");
    out = new StringWriter();

    code = run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    String undeclared =
        "images.yaml: image 'app': field 'source.workflowInputs.environment':"
            + " .github/workflows/build-app.yml declares no input 'environment' (it declares"
            + " base_image)";
    assertThat(json.get("errors").get(0).asText()).isEqualTo(undeclared);
    assertThat(json.get("summary").get("buildErrors").get("app").get(0).asText())
        .isEqualTo(undeclared);
    assertThat(change(json, "images/app.yaml").get("content").asText())
        .contains("discoveryStatus: success\nbuildErrors:\n  - ", "declares no input");

    Files.writeString(
        dir.resolve(".github/workflows/build-app.yml"),
        "on:\n  workflow_dispatch:\n    inputs:\n      base_image: {required: true}\n"
            + "      environment: {}\njobs: {}\n");
    out = new StringWriter();

    assertThat(run("plan", "--state-dir", dir.toString(), "--now", NOW)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).doesNotContain("invalid rebuild targets");
  }

  @Test
  void doesNotFetchRemoteSources() throws IOException {
    Files.writeString(
        dir.resolve("images.yaml"),
        """
        - name: backstage
          registry: ghcr.io
          repository: owner/backstage
          source:
            repo: owner/repo
            dockerfile: apps/backstage/Dockerfile
        """);

    int code = run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("summary").get("notAnalysed").get("backstage").asText())
        .isEqualTo("source repository owner/repo is not fetched offline");
    assertThat(change(json, "images/backstage.yaml").get("content").asText())
        .contains("discoveryStatus: pending\n", "baseImages: []\n");
  }

  @Test
  void plansUpdatesAndDeletionsAgainstExistingStateFiles() throws IOException {
    copyExamples();
    run("plan", "--state-dir", dir.toString(), "--now", NOW, "--json");
    writeChanges(new ObjectMapper().readTree(out.toString()));
    String catalog = Files.readString(dir.resolve("images.yaml"));
    Files.writeString(
        dir.resolve("images.yaml"),
        catalog.substring(0, catalog.indexOf("  - name: web"))
            + catalog.substring(catalog.indexOf("  # A base image we build")));
    Files.writeString(dir.resolve("images/stale.yaml"), "name: stale\nenrolledAt: [\n");
    out = new StringWriter();

    int code = run("plan", "--state-dir", dir.toString(), "--now", "2024-12-05T10:00:00Z");

    assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(out.toString().lines().takeWhile(line -> !line.isEmpty()).toList())
        .containsExactly("delete base-images/node-22-bookworm-slim.yaml", "delete images/web.yaml");
    assertThat(out.toString())
        .contains(
            "removed images: web\n",
            "dropped bases: node-22-bookworm-slim\n",
            "unreadable state files:\n  images/stale.yaml:3:1: invalid YAML:");
  }

  private int run(String... args) {
    return StarterCli.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static String catalog(String name, String dockerfile) {
    return """
    images:
      - name: %s
        registry: ghcr.io
        repository: org/%s
        source:
          dockerfile: %s
    """
        .formatted(name, name, dockerfile);
  }

  private static JsonNode change(JsonNode json, String path) {
    for (JsonNode change : json.get("changes")) {
      if (change.get("path").asText().equals(path)) {
        return change;
      }
    }
    throw new AssertionError("no change to " + path + " in " + json);
  }

  private void writeChanges(JsonNode json) throws IOException {
    for (JsonNode change : json.get("changes")) {
      Path file = dir.resolve(change.get("path").asText());
      if (change.get("action").asText().equals("delete")) {
        Files.delete(file);
      } else {
        Files.createDirectories(file.getParent());
        Files.writeString(file, change.get("content").asText());
      }
    }
  }

  private void copyExamples() throws IOException {
    Path examples =
        Path.of(System.getProperty("image-factory.project-dir", "..")).resolve("examples");
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path source : files.toList()) {
        Path target = dir.resolve(examples.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
