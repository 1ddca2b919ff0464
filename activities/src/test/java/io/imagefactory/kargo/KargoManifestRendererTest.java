package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KargoManifestRendererTest {

  /** Set to true to rewrite the golden file after an intended change of the output. */
  static final String UPDATE_GOLDEN = "image-factory.update-golden";

  private final KargoManifestRenderer renderer =
      new KargoManifestRenderer(KargoSettings.defaults());

  @Test
  void rendersSeedExampleStateExactlyAsTheGoldenFile() throws Exception {
    StateSnapshot seed = seed();
    Path golden = resource("kargo/seed-004.expected.k8s.yaml");

    RenderResult result = renderer.render(seed.images().values(), seed.baseImages().values());
    if (Boolean.getBoolean(UPDATE_GOLDEN)) {
      Files.writeString(sourceCopy(golden), result.content());
    }

    assertThat(result.problems()).isEmpty();
    assertThat(result.content()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  @Test
  void seedExampleObjectsValidateAgainstKargoSchemas() throws Exception {
    KargoSchemas schemas = KargoSchemas.load();
    StateSnapshot seed = seed();

    List<JsonNode> objects =
        ManifestDocuments.parse(
            renderer.renderFile(seed.images().values(), seed.baseImages().values()));

    assertThat(objects).hasSize(3 + 2 * 3);
    assertThat(objects.stream().flatMap(o -> schemas.validate(o).stream())).isEmpty();
  }

  @Test
  void thousandGeneratedImagesRenderAndEveryObjectValidates() {
    KargoSchemas schemas = KargoSchemas.load();
    GeneratedState state = GeneratedState.of(1_000);

    RenderResult result = renderer.render(state.images, state.bases);
    List<JsonNode> objects = ManifestDocuments.parse(result.content());

    long watchedBases = state.bases.stream().filter(b -> b.tag() != null).count();
    assertThat(result.problems()).isEmpty();
    assertThat(result.warehouses()).isEqualTo(1_000 + watchedBases);
    assertThat(objects).hasSize(3 + 2 * result.warehouses());
    assertThat(objects.stream().flatMap(o -> schemas.validate(o).stream())).isEmpty();
  }

  @Test
  void rendersOneStagePerWarehouseRequestingFreightFromIt() {
    GeneratedState state = GeneratedState.of(40);

    List<JsonNode> objects =
        ManifestDocuments.parse(renderer.renderFile(state.images, state.bases));

    List<String> warehouses = namesOfKind(objects, "Warehouse");
    List<String> requested =
        objects.stream()
            .filter(o -> "Stage".equals(o.path("kind").asText()))
            .map(
                o ->
                    o.path("spec")
                        .path("requestedFreight")
                        .get(0)
                        .path("origin")
                        .path("name")
                        .asText())
            .toList();
    assertThat(warehouses).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(namesOfKind(objects, "Stage")).isEqualTo(warehouses);
    assertThat(requested).isEqualTo(warehouses);
  }

  @Test
  void startsWithProjectProjectConfigAndTheSharedTaskThenPairsWarehouseAndStage() {
    GeneratedState state = GeneratedState.of(12);

    List<String> kinds =
        ManifestDocuments.parse(renderer.renderFile(state.images, state.bases)).stream()
            .map(o -> o.path("kind").asText())
            .toList();

    assertThat(kinds.subList(0, 3)).containsExactly("Project", "ProjectConfig", "PromotionTask");
    for (int i = 3; i < kinds.size(); i += 2) {
      assertThat(kinds.subList(i, i + 2)).containsExactly("Warehouse", "Stage");
    }
  }

  @Test
  void rendersTheSameStateByteIdenticallyWhateverTheInputOrder() {
    GeneratedState state = GeneratedState.of(200);
    List<ImageState> images = new ArrayList<>(state.images);
    List<BaseImageState> bases = new ArrayList<>(state.bases);
    Collections.shuffle(images, new Random(7));
    Collections.shuffle(bases, new Random(11));

    String first = renderer.renderFile(state.images, state.bases);
    String second = renderer.renderFile(images, bases);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void labelsAndAnnotationsTieEachObjectToItsImageAndStateFile() throws IOException {
    StateSnapshot seed = seed();

    List<JsonNode> objects =
        ManifestDocuments.parse(
            renderer.renderFile(seed.images().values(), seed.baseImages().values()));

    JsonNode baseWarehouse = find(objects, "Warehouse", "base-node-22-bookworm-slim");
    assertThat(baseWarehouse.at("/metadata/labels/image-factory.io~1image").asText())
        .isEqualTo("node-22-bookworm-slim");
    assertThat(baseWarehouse.at("/metadata/labels/image-factory.io~1kind").asText())
        .isEqualTo("base");
    assertThat(baseWarehouse.at("/metadata/annotations/image-factory.io~1state-file").asText())
        .isEqualTo("base-images/node-22-bookworm-slim.yaml");
    JsonNode externalStage = find(objects, "Stage", "external-postgres");
    assertThat(externalStage.at("/metadata/labels/image-factory.io~1kind").asText())
        .isEqualTo("external");
    assertThat(externalStage.at("/metadata/annotations/image-factory.io~1state-file").asText())
        .isEqualTo("images/postgres.yaml");
    assertThat(
            find(objects, "Warehouse", "image-backstage")
                .at("/metadata/labels/image-factory.io~1kind")
                .asText())
        .isEqualTo("managed");
  }

  @Test
  void projectConfigAutoPromotesExactlyTheRenderedStages() {
    GeneratedState state = GeneratedState.of(10);

    List<JsonNode> objects =
        ManifestDocuments.parse(renderer.renderFile(state.images, state.bases));

    JsonNode policy = objects.get(1).at("/spec/promotionPolicies/0");
    assertThat(policy.path("autoPromotionEnabled").asBoolean()).isTrue();
    JsonNode selector = policy.at("/stageSelector/matchLabels");
    objects.stream()
        .filter(o -> "Stage".equals(o.path("kind").asText()))
        .forEach(
            stage ->
                selector
                    .fields()
                    .forEachRemaining(
                        label ->
                            assertThat(stage.at("/metadata/labels").path(label.getKey()).asText())
                                .isEqualTo(label.getValue().asText())));
    assertThat(objects.get(1).at("/metadata/name").asText())
        .isEqualTo(objects.get(0).at("/metadata/name").asText())
        .isEqualTo(objects.get(1).at("/metadata/namespace").asText());
  }

  @Test
  void leavesOutOnlyTheEntriesItCannotWatchAndNamesThem() {
    List<ImageState> images =
        List.of(
            States.managed("api", "ghcr.io", "example-org/api"),
            States.external("pg", "docker.io/library/postgres", "^1[0-9]$", "Digest"),
            States.managed("Bad_Name", "ghcr.io", "example-org/bad"));
    List<BaseImageState> bases =
        List.of(States.base("node-22", "docker.io/library/node", "22", "api"));

    RenderResult result = renderer.render(images, bases);
    List<JsonNode> objects = ManifestDocuments.parse(result.content());

    assertThat(result.complete()).isFalse();
    assertThat(result.problems())
        .containsExactly(
            "images/Bad_Name.yaml: image 'Bad_Name', field name: "
                + "must be lower-case letters, digits, '-' and '.', starting and ending"
                + " alphanumeric, at most 63",
            "images/pg.yaml: image 'pg', field allowTags: "
                + "the Digest strategy follows one tag: write it as ^<tag>$, with dots escaped"
                + " (^1\\.17$)");
    assertThat(namesOfKind(objects, "Warehouse")).containsExactly("base-node-22", "image-api");
  }

  @Test
  void aDottedBaseNameIsWatchedUnderADashedObjectName() {
    List<BaseImageState> bases =
        List.of(States.base("python-3.12-slim", "docker.io/library/python", "3.12-slim", "api"));

    RenderResult result =
        renderer.render(List.of(States.managed("api", "ghcr.io", "example-org/api")), bases);
    List<JsonNode> objects = ManifestDocuments.parse(result.content());

    assertThat(result.problems()).isEmpty();
    assertThat(namesOfKind(objects, "Warehouse")).contains("base-python-3-12-slim");
    assertThat(result.content()).contains("image-factory.io/image: python-3.12-slim");
  }

  @Test
  void aBaseAnExternalAndAManagedImageOfTheSameNameGetThreeWarehouses() {
    List<ImageState> images =
        List.of(
            States.managed("python", "ghcr.io", "example-org/python"),
            States.external("python", "docker.io/library/python", "^3\\.12-slim$", "Lexical"));
    List<BaseImageState> bases =
        List.of(States.base("python", "docker.io/library/python", "3.12-slim", "python"));

    RenderResult result = renderer.render(images, bases);

    assertThat(result.problems()).isEmpty();
    assertThat(namesOfKind(ManifestDocuments.parse(result.content()), "Warehouse"))
        .containsExactly("base-python", "external-python", "image-python");
  }

  @Test
  void twoEntriesWantingOneWarehouseNameKeepTheFirstAndReportTheOther() {
    List<ImageState> images =
        List.of(
            States.managed("api", "ghcr.io", "example-org/api-v2"),
            States.managed("api", "ghcr.io", "example-org/api"));

    RenderResult result = renderer.render(images, List.of());
    List<JsonNode> objects = ManifestDocuments.parse(result.content());

    assertThat(namesOfKind(objects, "Warehouse")).containsExactly("image-api");
    assertThat(result.problems())
        .containsExactly(
            "images/api.yaml: Warehouse name image-api is already taken by images/api.yaml,"
                + " which keeps it; this entry is not watched");
    assertThat(
            find(objects, "Warehouse", "image-api")
                .at("/spec/subscriptions/0/image/repoURL")
                .asText())
        .isEqualTo("ghcr.io/example-org/api-v2");
  }

  @Test
  void appliesTheSettingsToEveryObject() {
    KargoSettings settings =
        new KargoSettings(
            "images-watch",
            "https://factory.example.com/api/v1/events/image",
            "factory-token",
            "bearer-token",
            1,
            "1h30m",
            "5s",
            KargoSettings.DEFAULT_NEWEST_BUILD_INTERVAL,
            true,
            Map.of(),
            null);
    GeneratedState state = GeneratedState.of(5);

    List<JsonNode> objects =
        ManifestDocuments.parse(
            new KargoManifestRenderer(settings).renderFile(state.images, state.bases));

    assertThat(objects.get(0).at("/metadata/name").asText()).isEqualTo("images-watch");
    assertThat(objects.subList(1, objects.size()))
        .allSatisfy(
            o -> assertThat(o.at("/metadata/namespace").asText()).isEqualTo("images-watch"));
    JsonNode http = objects.get(2).at("/spec/steps/0/config");
    assertThat(http.path("url").asText())
        .isEqualTo("https://factory.example.com/api/v1/events/image");
    assertThat(http.path("timeout").asText()).isEqualTo("5s");
    assertThat(http.at("/headers/0/value").asText())
        .isEqualTo("Bearer ${{ secret('factory-token')['bearer-token'] }}");
    JsonNode warehouse = objects.get(3);
    assertThat(warehouse.at("/spec/interval").asText()).isEqualTo("1h30m");
    assertThat(warehouse.at("/spec/subscriptions/0/image/discoveryLimit").asInt()).isEqualTo(1);
  }

  @Test
  void newestBuildWarehousesPollLessOftenAndOnlyManagedImagesKeepTagMetadata() {
    GeneratedState state = GeneratedState.of(20);

    List<JsonNode> objects =
        ManifestDocuments.parse(renderer.renderFile(state.images, state.bases));

    List<JsonNode> warehouses =
        objects.stream().filter(o -> "Warehouse".equals(o.path("kind").asText())).toList();
    assertThat(warehouses)
        .isNotEmpty()
        .allSatisfy(
            w -> {
              boolean managed =
                  "managed".equals(w.at("/metadata/labels/image-factory.io~1kind").asText());
              boolean newestBuild =
                  "NewestBuild"
                      .equals(w.at("/spec/subscriptions/0/image/imageSelectionStrategy").asText());
              assertThat(w.at("/spec/interval").asText()).isEqualTo(newestBuild ? "1h" : "10m");
              assertThat(w.at("/spec/subscriptions/0/image/cacheByTag").isMissingNode())
                  .isEqualTo(!managed);
              assertThat(w.at("/spec/subscriptions/0/image/discoveryLimit").asInt()).isOne();
            });
    KargoSettings uncached =
        new KargoSettings(
            "watch",
            KargoSettings.DEFAULT_WEBHOOK_URL,
            "t",
            "k",
            5,
            "5m",
            "5s",
            "2h",
            false,
            Map.of(),
            null);
    assertThat(new KargoManifestRenderer(uncached).renderFile(state.images, state.bases))
        .doesNotContain("cacheByTag")
        .contains("interval: 2h\n", "interval: 5m\n", "discoveryLimit: 5\n");
  }

  @Test
  void rendersRegistryWebhookReceiversIntoTheProjectConfigAsItsCrdAccepts() {
    KargoSchemas schemas = KargoSchemas.load();
    KargoSettings settings =
        KargoSettings.defaults()
            .withWebhookReceivers(Map.of("github", "ghcr-webhook", "dockerhub", "hub-webhook"));
    GeneratedState state = GeneratedState.of(5);

    List<JsonNode> objects =
        ManifestDocuments.parse(
            new KargoManifestRenderer(settings).renderFile(state.images, state.bases));

    JsonNode config = objects.get(1);
    assertThat(config.at("/spec/webhookReceivers").toString())
        .isEqualTo(
            "[{\"name\":\"dockerhub\",\"dockerhub\":{\"secretRef\":{\"name\":\"hub-webhook\"}}},"
                + "{\"name\":\"github\",\"github\":{\"secretRef\":{\"name\":\"ghcr-webhook\"}}}]");
    assertThat(objects.stream().flatMap(o -> schemas.validate(o).stream())).isEmpty();
    ObjectNode broken = config.deepCopy();
    ((ObjectNode) broken.at("/spec/webhookReceivers/0")).remove("name");
    assertThat(schemas.validate(broken)).anySatisfy(e -> assertThat(e).contains("name"));
    assertThat(renderer.renderFile(List.of(), List.of())).doesNotContain("webhookReceivers");
  }

  @Test
  void postsTheFreightImageAndItsOriginAsJsonWithTheBearerTokenFromTheSecret() {
    List<JsonNode> objects = ManifestDocuments.parse(renderer.renderFile(List.of(), List.of()));

    JsonNode task = objects.get(2);
    JsonNode step = task.at("/spec/steps/0");
    assertThat(objects).hasSize(3);
    assertThat(step.path("uses").asText()).isEqualTo("http");
    assertThat(step.at("/config/method").asText()).isEqualTo("POST");
    assertThat(step.at("/config/headers/0/value").asText())
        .isEqualTo("Bearer ${{ secret('image-factory-webhook').token }}");
    String body = step.at("/config/body").asText();
    for (String field : List.of("repoURL", "tag", "digest", "warehouse", "freight")) {
      assertThat(body).contains("\"" + field + "\": ");
    }
    assertThat(body)
        .startsWith("${{ quote({")
        .contains(".Digest,")
        .contains("ctx.targetFreight.name");
    assertThat(task.at("/spec/vars/0/name").asText()).isEqualTo(NotifyTask.REPO_URL_VAR);
  }

  /** The seed-004 state files, read as the worker and the CLI read them. */
  private static StateSnapshot seed() throws IOException {
    StateSnapshot seed = new StateDirectoryReader().read(resource("kargo/seed-004"));
    assertThat(seed.problems()).isEmpty();
    return seed;
  }

  private static List<String> namesOfKind(List<JsonNode> objects, String kind) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .map(o -> o.path("metadata").path("name").asText())
        .collect(Collectors.toList());
  }

  static JsonNode find(List<JsonNode> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static Path resource(String name) {
    try {
      return Path.of(KargoManifestRendererTest.class.getClassLoader().getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " is missing", e);
    }
  }

  /** The file in src/test/resources that a target/test-classes resource was copied from. */
  private static Path sourceCopy(Path resource) throws IOException {
    Path project = Path.of(System.getProperty("image-factory.project-dir", "."));
    Path copy =
        project.resolve("activities/src/test/resources/kargo").resolve(resource.getFileName());
    if (!Files.exists(copy.getParent())) {
      throw new IOException("cannot find " + copy.getParent() + " to update the golden file");
    }
    return copy;
  }
}
