package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.imagefactory.catalog.yaml.YamlDocuments;
import io.imagefactory.statefiles.SourceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogLoaderTest {

  private final CatalogLoader loader = new CatalogLoader();

  @Test
  void loadsTheExampleStateRepositoryInFileOrder() throws Exception {
    Catalog catalog = loader.load(CatalogFixtures.examples().resolve("images.yaml"));

    assertThat(catalog.names())
        .containsExactly(
            "nginx-site",
            "api",
            "web",
            "base-python",
            "reports",
            "image-factory-worker",
            "postgres");
    ImageEntry api = catalog.find("api").orElseThrow();
    assertThat(api.managed()).isTrue();
    assertThat(api.line()).isEqualTo(21);
    assertThat(api.source().dockerfile()).isEqualTo("example-images/api/Dockerfile");
    assertThat(api.source().inStateRepo()).isTrue();
    assertThat(api.source().buildArgs()).isEqualTo(Map.of("GO_VERSION", "1.23"));
    assertThat(catalog.find("web").orElseThrow().source().workflowInputs())
        .isEqualTo(
            Map.of(
                "environment", "production",
                "base_image", "${base.node-22-bookworm-slim.ref}",
                "rebuild_id", "${rebuild.id}"));
    ImageEntry postgres = catalog.find("postgres").orElseThrow();
    assertThat(postgres.managed()).isFalse();
    assertThat(postgres.allowTags()).isEqualTo("^16-alpine$");
    assertThat(postgres.imageSelectionStrategy()).isEqualTo("Lexical");
    assertThat(postgres.effectiveAutoRebuild()).isFalse();
    assertThat(catalog.find("base-python").orElseThrow().effectiveAutoRebuild()).isTrue();
  }

  @Test
  void acceptsATopLevelListAsInTheSeeds() throws Exception {
    Catalog catalog = loader.parse("images.yaml", CatalogFixtures.resource("seed-list.yaml"));

    assertThat(catalog.entries())
        .extracting(ImageEntry::name, ImageEntry::line)
        .containsExactly(tuple("myapp", 2), tuple("postgres", 14));
    SourceConfig source = catalog.find("myapp").orElseThrow().source();
    assertThat(source)
        .isEqualTo(
            new SourceConfig(
                "github",
                "owner/repo",
                "main",
                "apps/myapp/Dockerfile",
                "build.yml",
                Map.of(),
                Map.of()));
  }

  @Test
  void resolvesAnchorsAliasesAndMergeKeys() throws Exception {
    Catalog catalog = loader.parse("images.yaml", CatalogFixtures.resource("anchors.yaml"));

    ImageEntry worker = catalog.find("worker").orElseThrow();
    assertThat(worker.registry()).isEqualTo("ghcr.io");
    assertThat(worker.rebuildDelay()).isEqualTo("3d");
    assertThat(worker.source().dockerfile()).isEqualTo("apps/worker/Dockerfile");
    assertThat(worker.source().workflow()).isEqualTo("build.yml");
    ImageEntry cli = catalog.find("cli").orElseThrow();
    assertThat(cli.autoRebuild()).isTrue();
    assertThat(cli.source().dockerfile()).isEqualTo("apps/api/Dockerfile");
  }

  @Test
  void reportsEveryErrorOfTheFileAtOnceInFileOrder() {
    assertThatThrownBy(
            () -> loader.parse("images.yaml", CatalogFixtures.resource("many-errors.yaml")))
        .isInstanceOfSatisfying(
            CatalogException.class,
            e ->
                assertThat(e.errors())
                    .extracting(CatalogError::toString)
                    .containsExactly(
                        "images.yaml:2:5: entry #1: field 'name': \"Backstage\" must be lower case",
                        "images.yaml:5:5: entry #1: field 'rebuildDelay': \"7 days\" is not a"
                            + " duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
                        "images.yaml:6:5: entry #2: field 'name': is required",
                        "images.yaml:6:5: entry #2: field 'registry': \"GHCR.io\" must be lower"
                            + " case",
                        "images.yaml:7:5: entry #2: field 'repository': \"owner/thing:1.0\" must"
                            + " not contain a tag or digest (external images select tags with"
                            + " allowTags)",
                        "images.yaml:8:5: entry #2: field 'autoRebuild': expected true or false,"
                            + " got \"yes\"",
                        "images.yaml:13:7: image 'web': field 'source.provider': \"bitbucket\" is"
                            + " not a supported provider (use github; gitlab is accepted for a"
                            + " later provider)",
                        "images.yaml:14:7: image 'web': field 'source.dockerfile':"
                            + " \"../Dockerfile\" must not contain '..'",
                        "images.yaml:15:5: image 'web': field 'rebuildDelays': unknown field (did"
                            + " you mean 'rebuildDelay'?)",
                        "images.yaml:16:5: image 'web': field 'name': 'web' is already used by the"
                            + " entry at line 9"));
  }

  @Test
  void theExceptionMessageListsOneErrorPerLine() {
    assertThatThrownBy(
            () -> loader.parse("images.yaml", CatalogFixtures.resource("many-errors.yaml")))
        .satisfies(
            e ->
                assertThat(e.getMessage().lines().toList())
                    .hasSize(10)
                    .allMatch(line -> line.startsWith("images.yaml:")));
  }

  @Test
  void reportsAYamlSyntaxErrorWithItsLineAndColumn() {
    String yaml = "images:\n  - name: api\n    registry: ghcr.io: x\n";

    assertThat(errors(yaml))
        .containsExactly("images.yaml:3:22: invalid YAML: mapping values are not allowed here");
  }

  @Test
  void reportsAnUnclosedFlowSequenceWithWhereItStarted() {
    assertThat(errors("images: [\n  {name: api}\n"))
        .containsExactly(
            "images.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end>"
                + " (while parsing a flow sequence at line 1, column 9)");
  }

  @Test
  void refusesAnEmptyFileRatherThanUnenrollingEverything() {
    String message = "the file is empty (write 'images: []' to enroll no images)";
    assertThat(errors("")).containsExactly("images.yaml: " + message);
    assertThat(errors("# nothing yet\n")).containsExactly("images.yaml: " + message);
    assertThat(errors("images:\n"))
        .containsExactly(
            "images.yaml:1:1: field 'images': expected a"
                + " list of images, got nothing (write 'images: []' to enroll no images)");
  }

  @Test
  void acceptsAnExplicitlyEmptyCatalog() throws Exception {
    assertThat(
            loader.parse("images.yaml", "images: []\n".getBytes(StandardCharsets.UTF_8)).entries())
        .isEmpty();
    assertThat(loader.parse("images.yaml", "[]\n".getBytes(StandardCharsets.UTF_8)).entries())
        .isEmpty();
  }

  @Test
  void refusesTheWrongShapeAtTheTop() {
    assertThat(errors("just a string\n"))
        .containsExactly(
            "images.yaml:1:1: expected a list of"
                + " images or a mapping with 'images:', got a string");
    assertThat(errors("image: []\n"))
        .containsExactly(
            "images.yaml:1:1: field 'image': unknown field (did you mean 'images'?)",
            "images.yaml:1:1: field 'images': expected a list of images, got no 'images:' key"
                + " (write 'images: []' to enroll no images)");
    assertThat(errors("images: {name: api}\n"))
        .containsExactly(
            "images.yaml:1:1: field 'images': expected a list of images, got a mapping (write"
                + " 'images: []' to enroll no images)");
    assertThat(errors("- just a string\n"))
        .containsExactly(
            "images.yaml:1:3: entry #1: expected a"
                + " mapping with name, registry and repository, got a string");
  }

  @Test
  void refusesAnAliasBombWithAClearError() {
    assertThat(errors(CatalogFixtures.text("alias-bomb.yaml")))
        .singleElement()
        .asString()
        .matches(
            "images\\.yaml:\\d+:\\d+: the document has more than 1000000 values"
                + ", counting each use of an alias \\(an alias bomb\\?\\)");
  }

  @Test
  void refusesTooManyAliasesOfCollections() {
    StringBuilder yaml = new StringBuilder("shared: &s [a]\nimages: []\nrefs:\n");
    for (int i = 0; i <= YamlDocuments.MAX_ALIASES; i++) {
      yaml.append("  - *s\n");
    }
    assertThat(errors(yaml.toString()))
        .containsExactly(
            "images.yaml: more than 200 aliases of"
                + " mappings or sequences (a guard against alias bombs)");
  }

  @Test
  void refusesARecursiveAlias() {
    assertThat(errors("images: &loop [*loop]\n"))
        .containsExactly(
            "images.yaml:1:9: an alias"
                + " refers to a value that contains it (a recursive alias)");
  }

  @Test
  void refusesDeepNesting() {
    String deep = "images: " + "[".repeat(100) + "]".repeat(100) + "\n";
    assertThat(errors(deep)).containsExactly("images.yaml: nested deeper than 32 levels");
  }

  @Test
  void refusesAFileOverTheSizeLimitBeforeParsing(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("images.yaml");
    Files.write(
        file,
        ("# " + "x".repeat(CatalogLoader.MAX_BYTES) + "\nimages: []\n")
            .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(CatalogException.class)
        .hasMessage("images.yaml: is larger than 4 MiB");
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] content = {'i', 'm', 'a', 'g', 'e', 's', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThatThrownBy(() -> loader.parse("images.yaml", content))
        .hasMessage("images.yaml: is not valid UTF-8");
  }

  @Test
  void refusesASecondDocument() {
    assertThat(errors("images: []\n---\nimages: []\n"))
        .containsExactly(
            "images.yaml:2:1: invalid"
                + " YAML: expected a single document in the stream, but found another document");
  }

  @Test
  void refusesDuplicateKeysNamingTheFirst() {
    String yaml =
        """
        images:
          - name: api
            registry: ghcr.io
            repository: org/api
            registry: docker.io
        """;
    assertThat(errors(yaml))
        .containsExactly(
            "images.yaml:5:5: image 'api': duplicate key 'registry' (first at line 3)");
  }

  @Test
  void refusesYamlTagsThatWouldConstructObjects() {
    assertThat(errors("images: !!java.util.ArrayList []\n"))
        .singleElement()
        .asString()
        .startsWith("images.yaml:1:9: invalid YAML:");
  }

  @Test
  void readsAByteOrderMark() throws Exception {
    byte[] bom = "\uFEFFimages: []\n".getBytes(StandardCharsets.UTF_8);
    assertThat(loader.parse("images.yaml", bom).entries()).isEmpty();
  }

  private List<String> errors(String yaml) {
    try {
      loader.parse("images.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    } catch (CatalogException e) {
      return e.errors().stream().map(CatalogError::toString).toList();
    }
    throw new AssertionError("expected errors for:\n" + yaml);
  }
}
