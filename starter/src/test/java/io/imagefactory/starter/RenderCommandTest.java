package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.backstage.BackstageCatalogRenderer;
import io.imagefactory.backstage.ExampleState;
import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.KargoManifestRenderer;
import io.imagefactory.kargo.KargoSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RenderCommandTest {

  @TempDir Path stateDir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void rendersTheSeedExampleStateExactlyAsTheGoldenFile() throws IOException {
    for (String file :
        List.of(
            "images/backstage.yaml",
            "images/postgres.yaml",
            "base-images/node-22-bookworm-slim.yaml")) {
      copyResource("kargo/seed-004/" + file, stateDir.resolve(file));
    }

    int exit = run("render", "--state-dir", stateDir.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)))
        .isEqualTo(resourceText("kargo/seed-004.expected.k8s.yaml"));
    assertThat(out.toString()).contains("Rendered 3 Warehouses and Stages to ");
    assertThat(stateDir.resolve("dist")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void writesTheBackstageCatalogOfTheExamplesBesideTheManifests() throws Exception {
    for (Map.Entry<String, byte[]> file : ExampleState.files().entrySet()) {
      Files.createDirectories(stateDir.resolve(file.getKey()).getParent());
      Files.write(stateDir.resolve(file.getKey()), file.getValue());
    }

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--state-repo-url",
            ExampleState.STATE_REPO_URL);

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(stateDir.resolve(BackstageCatalogRenderer.OUTPUT_PATH)))
        .isEqualTo(resourceText(ExampleState.GOLDEN_CATALOG));
    assertThat(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)).exists();
    assertThat(out.toString()).contains("Rendered 13 Backstage entities to ");
  }

  @Test
  void withoutBackstageOnlyTheManifestsAreWritten() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit = run("render", "--state-dir", stateDir.toString(), "--no-backstage");

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)).exists();
    assertThat(stateDir.resolve(BackstageCatalogRenderer.OUTPUT_PATH)).doesNotExist();
    assertThat(out.toString()).doesNotContain("Backstage");
  }

  @Test
  void scanWithTrivyAddsTheAnalysisTemplateAndABadTrivyImageIsRefused() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--no-backstage",
            "--scan-with-trivy",
            "--trivy-image",
            "mirror.example.com/aquasec/trivy:0.58.1");

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)))
        .contains(
            "kind: AnalysisTemplate",
            "image: mirror.example.com/aquasec/trivy:0.58.1",
            "verification:");

    int refused =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--scan-with-trivy",
            "--trivy-image",
            "x y");
    assertThat(refused).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("trivyImage");
  }

  @Test
  void refusesADefaultOwnerBackstageWouldNotAcceptAndWritesNothing() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--backstage-default-owner",
            "Platform Team");

    assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString())
        .contains(
            "render: Backstage default owner \"Platform Team\": \"Platform Team\" is not a"
                + " valid entity name");
    assertThat(stateDir.resolve("dist")).doesNotExist();
  }

  @Test
  void rendersWrittenStateFilesAsTheRendererRendersTheRecords() throws IOException {
    GeneratedState state = GeneratedState.of(60);
    state.writeTo(stateDir);
    Path target = stateDir.resolve("elsewhere/kargo.yaml");

    int exit = run("render", "--state-dir", stateDir.toString(), "--out", target.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(target))
        .isEqualTo(
            new KargoManifestRenderer(KargoSettings.defaults())
                .renderFile(state.images, state.bases));
    assertThat(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)).doesNotExist();
  }

  @Test
  void rendersAnUnchangedStateByteIdentically() throws IOException {
    GeneratedState.of(30).writeTo(stateDir);
    Path target = stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH);

    run("render", "--state-dir", stateDir.toString());
    String first = Files.readString(target);
    int exit = run("render", "--state-dir", stateDir.toString());

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(target)).isEqualTo(first);
  }

  @Test
  void appliesTheOptionsToTheManifests() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--project",
            "watch",
            "--webhook-url",
            "https://factory.example.com/api/v1/events/image",
            "--discovery-limit",
            "3",
            "--interval",
            "1h");

    String manifests = Files.readString(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH));
    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(manifests)
        .contains("namespace: watch\n")
        .contains("url: https://factory.example.com/api/v1/events/image\n")
        .contains("discoveryLimit: 3\n")
        .contains("interval: 1h\n")
        .doesNotContain("image-factory-watch");
  }

  @Test
  void rendersTheManagedImagePollingAndWebhookReceiverOptions() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--newest-build-interval",
            "6h",
            "--no-managed-cache-by-tag",
            "--webhook-receiver",
            "github=ghcr-webhook");

    String manifests = Files.readString(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH));
    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(manifests)
        .contains("interval: 6h\n")
        .doesNotContain("cacheByTag")
        .contains(
            "  webhookReceivers:\n  - name: github\n    github:\n      secretRef:\n"
                + "        name: ghcr-webhook\n");
    assertThat(run("render", "--state-dir", stateDir.toString(), "--webhook-receiver", "gitlab=x"))
        .isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("webhookReceivers must be receivers of kind artifactory");
  }

  @Test
  void followsAnEscapedExactTagByDigest() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);
    Files.writeString(
        stateDir.resolve("images/go.yaml"),
        "name: go\ndiscoveryStatus: external\nrepoURL: docker.io/library/golang\n"
            + "allowTags: ^1\\.17$\nimageSelectionStrategy: Digest\n");

    int exit = run("render", "--state-dir", stateDir.toString());

    assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)))
        .contains(
            "      repoURL: docker.io/library/golang\n"
                + "      imageSelectionStrategy: Digest\n"
                + "      constraint: \"1.17\"\n");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
"""
a Digest regex of many tags   | images/go.yaml        | 'name: go\\ndiscoveryStatus: external\\nrepoURL: docker.io/library/golang\\nallowTags: ^1\\.1[0-9]$\\nimageSelectionStrategy: Digest' | images/go.yaml: image 'go', field allowTags: the Digest strategy follows one tag
a file that is not YAML       | images/api.yaml       | 'name: api\\nenrollment: [unclosed' | images/api.yaml:2:
a name that is not the file's | images/api.yaml       | 'name: web'                         | images/api.yaml: field 'name': "web" does not match the file name
a file name that is no name   | images/Api.yaml       | 'name: Api\\ndiscoveryStatus: success' | images/Api.yaml: the file name is not a valid name
an image Kargo cannot watch   | images/web2.yaml      | 'name: web2\\ndiscoveryStatus: external\\nrepoURL: docker.io/library/web2\\nimageSelectionStrategy: Newest' | images/web2.yaml: image 'web2', field imageSelectionStrategy
a base with a bad tag         | base-images/node.yaml | 'name: node\\nregistry: docker.io\\nrepository: library/node\\nrepoURL: docker.io/library/node\\ntag: \"bad tag\"\\ndependentImages: [api]' | base-images/node.yaml: base image 'node', field tag
""")
  void reportsInvalidStateByFileAndWritesNothing(
      String defect, String file, String content, String named) throws IOException {
    GeneratedState.of(5).writeTo(stateDir);
    Path path = stateDir.resolve(file);
    Files.writeString(path, content.replace("\\n", "\n"));

    int exit = run("render", "--state-dir", stateDir.toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains(named).contains("nothing written");
    assertThat(stateDir.resolve(KargoManifestRenderer.OUTPUT_PATH)).doesNotExist();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--discovery-limit, 0, discoveryLimit",
    "--project, Bad_Project, project",
    "--interval, soon, warehouseInterval",
    "--discovery-limit, many, many"
  })
  void rejectsInvalidOptions(String option, String value, String named) throws IOException {
    GeneratedState.of(5).writeTo(stateDir);

    int exit = run("render", "--state-dir", stateDir.toString(), option, value);

    assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains(named);
  }

  @Test
  void rejectsAStateDirectoryThatDoesNotExist() {
    int exit = run("render", "--state-dir", stateDir.resolve("missing").toString());

    assertThat(exit).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(err.toString()).contains("missing is not a directory");
  }

  @Test
  void reportsAnOutputItCannotWriteAsAnIoError() throws IOException {
    GeneratedState.of(5).writeTo(stateDir);
    Path blocked = Files.writeString(stateDir.resolve("blocked"), "a file, not a directory");

    int exit =
        run(
            "render",
            "--state-dir",
            stateDir.toString(),
            "--out",
            blocked.resolve("out.yaml").toString());

    assertThat(exit).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(err.toString()).startsWith("render: ");
  }

  private int run(String... args) {
    return StarterCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private static void copyResource(String name, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = resource(name)) {
      Files.copy(in, target);
    }
  }

  private static String resourceText(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = RenderCommandTest.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    return in;
  }
}
