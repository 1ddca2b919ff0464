package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imagefactory.catalog.CatalogFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileStoreTest {

  private final StateFileStore store = new StateFileStore();

  @Test
  void readsTheSeedManagedImage() throws Exception {
    ImageState state = store.readImage("images/backstage.yaml", seed("images/backstage.yaml"));

    assertThat(state).isInstanceOf(ManagedImageState.class);
    ManagedImageState managed = (ManagedImageState) state;
    assertThat(managed.enrolledAt()).isEqualTo(Instant.parse("2024-12-04T10:00:00Z"));
    assertThat(managed.discoveryStatus()).isEqualTo(DiscoveryStatus.PENDING);
    assertThat(managed.enrollment().source().dockerfile()).isEqualTo("apps/backstage/Dockerfile");
    assertThat(managed.baseImages()).containsExactly("node-22-bookworm-slim");
    assertThat(managed.currentVersion()).isEqualTo("0.6.5");
    assertThat(managed.rebuildState()).isEqualTo(RebuildState.monitoring());
    assertThat(managed.unknownFields()).isEmpty();
  }

  @Test
  void readsTheSeedExternalAndBaseImages() throws Exception {
    ImageState postgres = store.readImage("images/postgres.yaml", seed("images/postgres.yaml"));
    BaseImageState node =
        store.readBaseImage(
            "base-images/node-22-bookworm-slim.yaml",
            seed("base-images/node-22-bookworm-slim.yaml"));

    assertThat(postgres).isInstanceOf(ExternalImageState.class);
    assertThat(((ExternalImageState) postgres).allowTags()).isEqualTo("^16-alpine$");
    assertThat(postgres.baseImages()).isEmpty();
    assertThat(node.dependentImages()).containsExactly("backstage", "frontend");
    assertThat(node.currentDigest()).isEqualTo("sha256:def456...");
    assertThat(node.lastUpdated()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "images/backstage.yaml",
        "images/postgres.yaml",
        "base-images/node-22-bookworm-slim.yaml"
      })
  void writesTheSeedExamplesBackWithoutLosingAField(String path) throws Exception {
    String written = rewrite(path, seed(path));

    assertThat(tree(written)).isEqualTo(tree(new String(seed(path), StandardCharsets.UTF_8)));
    assertThat(rewrite(path, written.getBytes(StandardCharsets.UTF_8))).isEqualTo(written);
  }

  @Test
  void writesInSeedOrderWithMinimalQuotingAndUtcTimestamps() {
    ManagedImageState state =
        new ManagedImageState(
            "api",
            Instant.parse("2024-12-04T10:00:00Z"),
            Instant.parse("2024-12-04T15:30:00.250Z"),
            DiscoveryStatus.SUCCESS,
            null,
            List.of(),
            new Enrollment(
                "ghcr.io",
                "example-org/api",
                new SourceConfig(
                    "github",
                    null,
                    null,
                    "example-images/api/Dockerfile",
                    "build-api.yml",
                    Map.of("GO_VERSION", "1.23", "CGO", "0"),
                    Map.of()),
                "1m",
                true),
            List.of("golang-1-23-bookworm", "distroless-static-debian12-nonroot"),
            List.of(),
            List.of(),
            "1.0.0",
            "sha256:abc",
            null,
            RebuildState.monitoring(),
            Map.of());

    assertThat(store.write(state))
        .isEqualTo(
            """
            name: api
            enrolledAt: "2024-12-04T10:00:00Z"
            lastDiscovery: "2024-12-04T15:30:00.250Z"
            discoveryStatus: success
            enrollment:
              registry: ghcr.io
              repository: example-org/api
              source:
                provider: github
                dockerfile: example-images/api/Dockerfile
                workflow: build-api.yml
                buildArgs:
                  CGO: "0"
                  GO_VERSION: "1.23"
              rebuildDelay: 1m
              autoRebuild: true
            baseImages:
              - golang-1-23-bookworm
              - distroless-static-debian12-nonroot
            currentVersion: "1.0.0"
            currentDigest: sha256:abc
            rebuildState:
              status: monitoring
              pendingRebuild: false
            """);
  }

  @Test
  void quotesValuesThatYamlWouldReadAsSomethingElse() throws Exception {
    String yaml =
        """
        name: tags
        enrolledAt: "2024-12-04T10:00:00Z"
        discoveryStatus: external
        enrollment: {registry: docker.io, repository: library/x}
        repoURL: docker.io/library/x
        allowTags: "yes"
        currentTag: "true"
        baseImages: []
        note: "null"
        """;
    String written = rewrite("images/tags.yaml", yaml.getBytes(StandardCharsets.UTF_8));

    assertThat(written)
        .contains("allowTags: \"yes\"\n", "currentTag: \"true\"\n", "note: \"null\"\n");
    ExternalImageState back =
        (ExternalImageState)
            store.readImage("images/tags.yaml", written.getBytes(StandardCharsets.UTF_8));
    assertThat(back.allowTags()).isEqualTo("yes");
    assertThat(back.unknownFields()).containsEntry("note", "null");
  }

  @Test
  void preservesUnknownFieldsAtTheTopAndInEnrollmentAndRebuildState() throws Exception {
    String yaml =
        """
        name: backstage
        enrolledAt: "2024-12-04T10:00:00Z"
        discoveryStatus: success
        owner: platform-team
        reviewedBy: 4f2a9c1
        enrollment:
          registry: ghcr.io
          repository: owner/backstage
          source: {dockerfile: Dockerfile}
          platforms: [linux/amd64, linux/arm64]
        baseImages: []
        rebuildState:
          status: monitoring
          pendingRebuild: false
          snoozedUntil: "2025-01-01T00:00:00Z"
        labels:
          tier: 1
          empty: null
        """;
    ManagedImageState state =
        (ManagedImageState)
            store.readImage("images/backstage.yaml", yaml.getBytes(StandardCharsets.UTF_8));

    assertThat(state.unknownFields())
        .containsEntry("owner", "platform-team")
        .containsEntry("reviewedBy", "4f2a9c1")
        .containsKey("labels");
    assertThat(state.enrollment().unknownFields())
        .containsEntry("platforms", List.of("linux/amd64", "linux/arm64"));
    assertThat(state.rebuildState().unknownFields())
        .containsEntry("snoozedUntil", "2025-01-01T00:00:00Z");
    String written = store.write(state);
    assertThat(tree(written)).isEqualTo(tree(yaml));
    assertThat(store.readImage("images/backstage.yaml", written.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(state);
  }

  @Test
  void writesBuildErrorsAfterTheDiscoveryAndKeepsUnknownFieldsAround() throws Exception {
    String yaml =
        """
        name: web
        enrolledAt: "2024-12-04T10:00:00Z"
        discoveryStatus: success
        buildErrors:
          - "images.yaml: image 'web': field 'source.workflowInputs.environment':\
         .github/workflows/build-web.yml declares no input 'environment' (it declares base_image)"
          - "images.yaml: image 'web': field 'source.workflowInputs.tag': ${base.x.ref} in input\
         'tag' names no base of this image (its bases: node-22)"
        owner: web-team
        enrollment:
          registry: ghcr.io
          repository: acme/web
          source: {dockerfile: Dockerfile, workflow: build-web.yml}
        baseImages:
          - node-22
        """;
    ManagedImageState state =
        (ManagedImageState)
            store.readImage("images/web.yaml", yaml.getBytes(StandardCharsets.UTF_8));

    assertThat(state.buildErrors())
        .hasSize(2)
        .first()
        .asString()
        .endsWith("declares no input 'environment' (it declares base_image)");
    assertThat(state.unknownFields()).containsEntry("owner", "web-team");
    String written = store.write(state);
    assertThat(written)
        .contains("discoveryStatus: success\nbuildErrors:\n  - \"images.yaml: image 'web':")
        .contains("\nowner: web-team\n");
    assertThat(tree(written)).isEqualTo(tree(yaml));
    assertThat(rewrite("images/web.yaml", written.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(written);

    ManagedImageState fixed =
        new ManagedImageState(
            state.name(),
            state.enrolledAt(),
            state.lastDiscovery(),
            state.discoveryStatus(),
            state.discoveryError(),
            List.of(),
            state.enrollment(),
            state.baseImages(),
            state.pinnedBaseImages(),
            state.dependentImages(),
            state.currentVersion(),
            state.currentDigest(),
            state.lastBuilt(),
            state.rebuildState(),
            state.unknownFields());
    assertThat(store.write(fixed)).doesNotContain("buildErrors");
  }

  @Test
  void decidesExternalByDiscoveryStatusOrMissingSource() throws Exception {
    String noSource =
        "name: pg\nenrollment: {registry: docker.io, repository: library/postgres}\n"
            + "discoveryStatus: pending\n";
    String statusExternal =
        "name: pg\ndiscoveryStatus: external\n"
            + "enrollment: {registry: docker.io, repository: pg, source: {dockerfile: D}}\n";
    String managed =
        "name: pg\ndiscoveryStatus: failed\n"
            + "enrollment: {registry: docker.io, repository: pg, source: {dockerfile: D}}\n";

    assertThat(store.readImage("images/pg.yaml", bytes(noSource)))
        .isInstanceOf(ExternalImageState.class);
    assertThat(store.readImage("images/pg.yaml", bytes(statusExternal)))
        .isInstanceOf(ExternalImageState.class);
    assertThat(store.readImage("images/pg.yaml", bytes(managed)))
        .isInstanceOf(ManagedImageState.class);
  }

  @Test
  void reportsBrokenFilesNamingFileLineAndField() {
    assertThatThrownBy(() -> store.readImage("images/api.yaml", bytes("name: web\n")))
        .isInstanceOf(StateFileException.class)
        .hasMessage("images/api.yaml: field 'name': \"web\" does not match the file name");
    assertThatThrownBy(() -> store.readImage("images/api.yaml", bytes("enrolledAt: null\n")))
        .hasMessage("images/api.yaml: field 'name' is required");
    assertThatThrownBy(() -> store.readImage("images/api.yaml", bytes("")))
        .hasMessage("images/api.yaml: expected a mapping of fields, got an empty file");
    assertThatThrownBy(() -> store.readImage("images/api.yaml", bytes("- a\n- b\n")))
        .hasMessage("images/api.yaml: expected a mapping of fields, got array");
    assertThatThrownBy(() -> store.readImage("images/api.yaml", bytes("name: api\nx: [\n")))
        .hasMessageStartingWith("images/api.yaml:3:1: invalid YAML: ");
    assertThatThrownBy(
            () -> store.readImage("images/api.yaml", bytes("name: api\nenrolledAt: yesterday\n")))
        .hasMessage(
            "images/api.yaml:2:13: field 'enrolledAt': \"yesterday\" is not a UTC timestamp like"
                + " 2024-12-04T10:00:00Z");
    assertThatThrownBy(
            () -> store.readImage("images/api.yaml", bytes("name: api\ndiscoveryStatus: odd\n")))
        .hasMessage(
            "images/api.yaml:2:18: field 'discoveryStatus': \"odd\" is not one of pending,"
                + " success, failed, external");
    assertThatThrownBy(
            () ->
                store.readImage(
                    "images/api.yaml",
                    bytes(
                        "name: api\nenrollment: {source: {dockerfile: D}}\n"
                            + "rebuildState: {candidates: [{firstSeen: soon}]}\n")))
        .hasMessage(
            "images/api.yaml:3:41: field 'rebuildState.candidates[0].firstSeen': \"soon\" is not a"
                + " UTC timestamp like 2024-12-04T10:00:00Z");
    assertThatThrownBy(
            () ->
                store.readBaseImage(
                    "base-images/node.yaml", bytes("name: node\nregistry: docker.io\n")))
        .hasMessage("base-images/node.yaml: a base image needs registry and repository");
  }

  @Test
  void refusesAnOversizedFile() {
    byte[] big = new byte[StateFileStore.MAX_BYTES + 1];
    assertThatThrownBy(() -> store.readImage("images/api.yaml", big))
        .hasMessage("images/api.yaml: is larger than 1024 KiB");
  }

  @Test
  void namesStateFilesByImageName() {
    assertThat(StateFileStore.imagePath("api")).isEqualTo("images/api.yaml");
    assertThat(StateFileStore.baseImagePath("node-22")).isEqualTo("base-images/node-22.yaml");
  }

  private String rewrite(String path, byte[] content) throws StateFileException {
    return path.startsWith("base-images/")
        ? store.write(store.readBaseImage(path, content))
        : store.write(store.readImage(path, content));
  }

  private static JsonNode tree(String yaml) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(yaml);
  }

  private static byte[] seed(String path) {
    return CatalogFixtures.resource("seed004/" + path);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
