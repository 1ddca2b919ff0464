package io.imagefactory.backstage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.kargo.GeneratedState;
import io.imagefactory.kargo.ManifestDocuments;
import io.imagefactory.kargo.States;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BackstageCatalogRendererTest {

  /** Set to true to rewrite the golden file after an intended change of the output. */
  static final String UPDATE_GOLDEN = "image-factory.update-golden";

  static final BackstageSettings EXAMPLE_SETTINGS =
      BackstageSettings.defaults().withStateRepository(ExampleState.STATE_REPO_URL, "main");

  private final BackstageCatalogRenderer renderer = new BackstageCatalogRenderer(EXAMPLE_SETTINGS);

  @Test
  void rendersTheExampleStateExactlyAsTheGoldenFile() throws Exception {
    StateSnapshot state = ExampleState.snapshot();
    Path golden = goldenFile();

    BackstageRenderResult result =
        renderer.render(state.images().values(), state.baseImages().values());
    if (Boolean.getBoolean(UPDATE_GOLDEN)) {
      Files.writeString(golden, result.content());
    }

    assertThat(result.problems()).isEmpty();
    assertThat(result.entities()).isEqualTo(state.images().size() + state.baseImages().size());
    assertThat(result.content()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void everyExampleEntityValidatesAgainstTheBackstageSchemas() throws Exception {
    BackstageSchemas schemas = BackstageSchemas.load();
    StateSnapshot state = ExampleState.snapshot();

    List<JsonNode> entities = entities(state.images().values(), state.baseImages().values());

    assertThat(entities)
        .hasSize(13)
        .allSatisfy(e -> assertThat(e.path("kind").asText()).isEqualTo("Resource"));
    assertThat(entities.stream().flatMap(e -> schemas.validate(e).stream())).isEmpty();
  }

  @Test
  void thousandGeneratedImagesWithRebuildsValidate() {
    BackstageSchemas schemas = BackstageSchemas.load();
    GeneratedState state = GeneratedState.of(1000);
    List<ImageState> images = new ArrayList<>(state.images);
    images.set(
        0, rebuilt((ManagedImageState) images.get(0), "https://github.com/o/r/actions/runs/7"));

    List<JsonNode> entities = entities(images, state.bases);

    assertThat(entities).hasSize(1000 + state.bases.size());
    assertThat(entities.stream().flatMap(e -> schemas.validate(e).stream())).isEmpty();
  }

  @Test
  void theValidatorRefusesWhatBackstageWouldRefuse() throws Exception {
    BackstageSchemas schemas = BackstageSchemas.load();
    ObjectNode entity =
        (ObjectNode) entities(List.of(States.managed("api", "ghcr.io", "o/api")), List.of()).get(0);
    ((ObjectNode) entity.path("spec")).remove("owner");
    ((ObjectNode) entity.path("metadata")).put("name", "-api");
    ((ObjectNode) entity.path("metadata").path("annotations")).put("Bad Key/x", "v");
    ((ObjectNode) entity.path("spec")).putArray("dependsOn").add("base-x");

    assertThat(schemas.validate(entity))
        .anyMatch(e -> e.contains("owner"))
        .anyMatch(e -> e.contains("metadata.name"))
        .anyMatch(e -> e.contains("Bad Key/x"))
        .anyMatch(e -> e.contains("dependsOn"));
  }

  @Test
  void rendersTheSameBytesWhateverOrderTheStatesComeIn() throws Exception {
    StateSnapshot state = ExampleState.snapshot();
    List<ImageState> images = new ArrayList<>(state.images().values());
    List<BaseImageState> bases = new ArrayList<>(state.baseImages().values());
    String first = renderer.render(images, bases).content();

    Collections.shuffle(images, new Random(7));
    Collections.shuffle(bases, new Random(7));

    assertThat(new BackstageCatalogRenderer(EXAMPLE_SETTINGS).render(images, bases).content())
        .isEqualTo(first);
    assertThat(names(first)).isSorted();
  }

  @Test
  void aManagedBaseIsADependencyOfTheImagesBuiltOnIt() throws Exception {
    StateSnapshot state = ExampleState.snapshot();

    Map<String, JsonNode> byName =
        byName(entities(state.images().values(), state.baseImages().values()));

    assertThat(texts(byName.get("reports").path("spec").path("dependsOn")))
        .containsExactly("resource:default/base-python");
    assertThat(texts(byName.get("base-python").path("spec").path("dependsOn")))
        .containsExactly("resource:default/python-3.12-slim");
    assertThat(
            byName
                .get("base-python")
                .path("metadata")
                .path("annotations")
                .path("image-factory.io/kind")
                .asText())
        .isEqualTo("managed");
    assertThat(texts(byName.get("api").path("spec").path("dependsOn")))
        .containsExactly(
            "resource:default/distroless-static-debian12-nonroot",
            "resource:default/golang-1.23-bookworm");
    assertThat(texts(byName.get("image-factory-worker").path("spec").path("dependsOn")))
        .containsExactly("resource:default/eclipse-temurin-17-jre");
    assertThat(byName.get("postgres").path("spec").has("dependsOn")).isFalse();
    for (JsonNode entity : byName.values()) {
      for (JsonNode ref : entity.path("spec").path("dependsOn")) {
        assertThat(byName)
            .as("the entity %s depends on", ref)
            .containsKey(ref.asText().substring("resource:default/".length()));
      }
    }
  }

  @Test
  void ownerAndSystemComeFromImagesYamlElseFromTheDefaults() throws Exception {
    StateSnapshot state = ExampleState.snapshot();
    BackstageSettings settings =
        new BackstageSettings(
            "images", "user:default/ada", "system:default/factory", null, null, null, null);

    Map<String, JsonNode> byName =
        byName(
            ManifestDocuments.parse(
                new BackstageCatalogRenderer(settings)
                    .render(state.images().values(), state.baseImages().values())
                    .content()));

    assertThat(byName.get("web").path("spec").path("owner").asText())
        .isEqualTo("group:default/web-team");
    assertThat(byName.get("web").path("spec").path("system").asText()).isEqualTo("storefront");
    assertThat(byName.get("api").path("spec").path("owner").asText()).isEqualTo("user:default/ada");
    assertThat(byName.get("api").path("spec").path("system").asText())
        .isEqualTo("system:default/factory");
    assertThat(byName.get("node-22-bookworm-slim").path("spec").path("owner").asText())
        .isEqualTo("user:default/ada");
    assertThat(byName.get("reports").path("metadata").path("namespace").asText())
        .isEqualTo("images");
    assertThat(texts(byName.get("reports").path("spec").path("dependsOn")))
        .containsExactly("resource:images/base-python");
    assertThat(ExampleState.files().get("images/web.yaml"))
        .asString(StandardCharsets.UTF_8)
        .contains("  owner: group:default/web-team\n  system: storefront\n");
    assertThat(ExampleState.files().get("images/api.yaml"))
        .asString(StandardCharsets.UTF_8)
        .doesNotContain("owner");
  }

  @Test
  void annotatesAndLinksTheLastRebuildAndTheSource() {
    ManagedImageState image =
        rebuilt(
            States.managed("api", "ghcr.io", "example-org/api"),
            "https://github.com/example-org/api/actions/runs/42");

    JsonNode entity = entities(List.of(image), List.of()).get(0);
    JsonNode annotations = entity.path("metadata").path("annotations");

    assertThat(annotations.path("image-factory.io/last-rebuild").asText()).isEqualTo("api#3");
    assertThat(annotations.path("image-factory.io/last-rebuild-outcome").asText())
        .isEqualTo("succeeded");
    assertThat(annotations.path("image-factory.io/last-rebuild-trigger").asText())
        .isEqualTo("timer");
    assertThat(annotations.path("image-factory.io/last-rebuild-requested-at").asText())
        .isEqualTo("2026-11-02T10:00:00Z");
    assertThat(annotations.path("image-factory.io/last-rebuild-completed-at").asText())
        .isEqualTo("2026-11-02T10:07:00Z");
    assertThat(annotations.path("image-factory.io/last-rebuild-run").asText())
        .isEqualTo("https://github.com/example-org/api/actions/runs/42");
    assertThat(annotations.path("backstage.io/source-location").asText())
        .isEqualTo("url:https://github.com/example-org/api/tree/main/");
    assertThat(annotations.path("github.com/project-slug").asText()).isEqualTo("example-org/api");
    assertThat(annotations.path("image-factory.io/state-file").asText())
        .isEqualTo("images/api.yaml");
    assertThat(entity.path("metadata").path("links").findValuesAsText("url"))
        .containsExactly(
            "https://github.com/example-org/api",
            "https://github.com/example-org/api/blob/main/Dockerfile",
            "https://github.com/example-org/api/actions/workflows/build.yml",
            "https://github.com/example-org/api/actions/runs/42",
            "https://github.com/example-org/image-factory-state/blob/main/images/api.yaml");
  }

  @Test
  void linksNothingThatCarriesCredentialsOrIsNoWebAddress() {
    BackstageSettings settings =
        BackstageSettings.defaults()
            .withStateRepository("https://x-access-token:s3cr3t@github.com/o/state.git", "main");
    ManagedImageState image =
        rebuilt(States.managed("api", "ghcr.io", "o/api"), "javascript:alert(1)");

    String content =
        new BackstageCatalogRenderer(settings).render(List.of(image), List.of()).content();

    assertThat(content).doesNotContain("s3cr3t", "javascript:", "State file", "Last rebuild run");
  }

  @Test
  void leavesOutABaseNamedLikeAnImageAndAnInvalidOwnerAndSaysWhy() {
    ManagedImageState hand = States.managed("api", "ghcr.io", "o/api");
    Enrollment e = hand.enrollment();
    ImageState badOwner =
        withEnrollment(
            States.managed("web", "ghcr.io", "o/web"),
            new Enrollment(
                e.registry(),
                e.repository(),
                e.source(),
                "7d",
                true,
                "Web Team",
                null,
                null,
                null,
                null,
                Map.of()));
    BaseImageState clash = States.base("api", "docker.io/library/api", "1");

    BackstageRenderResult result = renderer.render(List.of(hand, badOwner), List.of(clash));

    assertThat(result.entities()).isEqualTo(1);
    assertThat(names(result.content())).containsExactly("api");
    assertThat(result.content())
        .contains("image-factory.io/kind: managed")
        .doesNotContain("kind: base");
    assertThat(result.problems())
        .containsExactly(
            "base-images/api.yaml: api, field name: an image has the same name; only the image is"
                + " in the catalog",
            "images/web.yaml: web, field enrollment.owner: \"Web Team\": \"Web Team\" is not a "
                + "valid"
                + " entity name: use letters, digits, '-', '_' and '.', starting and ending with a"
                + " letter or digit, at most 63 characters (expected "
                + "[group:|user:][<namespace>/]<name>,"
                + " as in group:default/platform)");
  }

  private List<JsonNode> entities(
      Collection<? extends ImageState> images, Collection<BaseImageState> bases) {
    return ManifestDocuments.parse(renderer.render(images, bases).content());
  }

  static ManagedImageState rebuilt(ManagedImageState image, String runUrl) {
    RebuildEntry last =
        new RebuildEntry(
            image.name() + "#3",
            Instant.parse("2026-11-02T10:00:00Z"),
            "timer",
            Map.of("base", "sha256:" + "1".repeat(64)),
            List.of(),
            false,
            List.of(),
            "the tags as they stood",
            RebuildEntry.SUCCEEDED,
            "run succeeded",
            runUrl,
            new RunRef("github", "example-org/" + image.name(), "42", runUrl),
            Instant.parse("2026-11-02T10:07:00Z"),
            null,
            List.of());
    RebuildState rebuild =
        new RebuildState("monitoring", false, null, List.of(), last, List.of(), List.of());
    return new ManagedImageState(
        image.name(),
        image.enrolledAt(),
        image.lastDiscovery(),
        image.discoveryStatus(),
        image.discoveryError(),
        image.buildErrors(),
        image.enrollment(),
        image.baseImages(),
        image.pinnedBaseImages(),
        image.dependentImages(),
        image.currentVersion(),
        image.currentDigest(),
        image.lastBuilt(),
        rebuild,
        image.unknownFields());
  }

  private static ManagedImageState withEnrollment(ManagedImageState image, Enrollment enrollment) {
    return new ManagedImageState(
        image.name(),
        image.enrolledAt(),
        image.lastDiscovery(),
        image.discoveryStatus(),
        image.discoveryError(),
        image.buildErrors(),
        enrollment,
        image.baseImages(),
        image.pinnedBaseImages(),
        image.dependentImages(),
        image.currentVersion(),
        image.currentDigest(),
        image.lastBuilt(),
        image.rebuildState(),
        image.unknownFields());
  }

  private static Map<String, JsonNode> byName(List<JsonNode> entities) {
    return entities.stream()
        .collect(Collectors.toMap(e -> e.path("metadata").path("name").asText(), e -> e));
  }

  private static List<String> names(String content) {
    return ManifestDocuments.parse(content).stream()
        .map(e -> e.path("metadata").path("name").asText())
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  /** The golden file in src/test/resources, read and (when updating) written in place. */
  static Path goldenFile() throws IOException {
    Path project = Path.of(System.getProperty("image-factory.project-dir", ".."));
    Path golden =
        project.resolve("activities/src/test/resources").resolve(ExampleState.GOLDEN_CATALOG);
    if (!Files.isDirectory(golden.getParent())) {
      throw new IOException("cannot find " + golden.getParent());
    }
    if (!Files.exists(golden) && !Boolean.getBoolean(UPDATE_GOLDEN)) {
      throw new IOException(golden + " is missing; run with -D" + UPDATE_GOLDEN + "=true");
    }
    return golden;
  }
}
