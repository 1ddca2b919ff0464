package io.imagefactory.kargo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The validator must reject what Kargo would reject, or the schema tests prove nothing. */
class KargoSchemasTest {

  private static KargoSchemas schemas;
  private static List<JsonNode> rendered;

  @BeforeAll
  static void renderValidObjects() {
    schemas = KargoSchemas.load();
    GeneratedState state = GeneratedState.of(5);
    rendered =
        ManifestDocuments.parse(
            new KargoManifestRenderer(KargoSettings.defaults())
                .renderFile(state.images, state.bases));
  }

  static Stream<Arguments> brokenObjects() {
    return Stream.of(
        broken(
            "Warehouse", "an unknown spec field", w -> spec(w).put("intervall", "5m"), "intervall"),
        broken("Warehouse", "no interval", w -> spec(w).remove("interval"), "interval"),
        broken(
            "Warehouse",
            "a deprecated allowTags",
            w -> image(w).put("allowTags", "^1$"),
            "allowTags"),
        broken(
            "Warehouse",
            "a discoveryLimit above 100",
            w -> image(w).put("discoveryLimit", 101),
            "discoveryLimit"),
        broken(
            "Warehouse",
            "an unknown strategy",
            w -> image(w).put("imageSelectionStrategy", "Newest"),
            "imageSelectionStrategy"),
        broken(
            "Warehouse",
            "a repoURL with a tag",
            w -> image(w).put("repoURL", "docker.io/library/node:22"),
            "repoURL"),
        broken(
            "Warehouse",
            "an interval Kubernetes cannot parse",
            w -> spec(w).put("interval", "10 minutes"),
            "interval"),
        broken("Stage", "no namespace", s -> metadata(s).remove("namespace"), "namespace"),
        broken(
            "Stage",
            "a label value with a slash",
            s -> labels(s).put("image-factory.io/image", "a/b"),
            "labels"),
        broken(
            "Stage",
            "a step with both uses and task",
            s -> step(s).put("uses", "http"),
            "exactly one of uses or task"),
        broken(
            "Stage",
            "a task step with retry",
            s -> step(s).putObject("retry").put("timeout", "1m"),
            "cannot set retry"),
        broken(
            "Stage", "an unknown freight origin kind", s -> origin(s).put("kind", "Stage"), "kind"),
        broken(
            "PromotionTask",
            "an http method Kargo does not know",
            t -> httpConfig(t).put("method", "SEND"),
            "method"),
        broken(
            "PromotionTask",
            "an empty header value",
            t -> ((ObjectNode) httpConfig(t).withArray("headers").get(0)).put("value", ""),
            "value"),
        broken(
            "PromotionTask",
            "an unknown http option",
            t -> httpConfig(t).put("retries", 3),
            "retries"),
        broken(
            "ProjectConfig",
            "a policy naming stage and selector",
            c -> ((ObjectNode) c.at("/spec/promotionPolicies/0")).put("stage", "x"),
            "exactly one of stage or stageSelector"),
        broken(
            "Project",
            "a namespace on a cluster-scoped object",
            p -> metadata(p).put("namespace", "x"),
            "namespace"));
  }

  @ParameterizedTest(name = "{0} with {1} is rejected")
  @MethodSource("brokenObjects")
  void rejectsWhatKargoWouldReject(
      String kind, String defect, Consumer<ObjectNode> breakIt, String mentioned) {
    ObjectNode object = firstOfKind(kind);
    assertThat(schemas.validate(object)).as("the untouched %s is valid", kind).isEmpty();

    breakIt.accept(object);

    assertThat(schemas.validate(object)).anySatisfy(error -> assertThat(error).contains(mentioned));
  }

  @Test
  void rejectsKindsNoCrdDefines() {
    ObjectNode object = firstOfKind("Stage");
    object.put("kind", "Stageing");

    assertThat(schemas.validate(object))
        .anySatisfy(error -> assertThat(error).contains("no CRD defines"));
  }

  private static Arguments broken(
      String kind, String defect, Consumer<ObjectNode> breakIt, String mentioned) {
    return Arguments.of(kind, defect, breakIt, mentioned);
  }

  private static ObjectNode firstOfKind(String kind) {
    return rendered.stream()
        .filter(o -> kind.equals(o.path("kind").asText()))
        .findFirst()
        .map(o -> (ObjectNode) o.deepCopy())
        .orElseThrow();
  }

  private static ObjectNode spec(ObjectNode object) {
    return (ObjectNode) object.get("spec");
  }

  private static ObjectNode metadata(ObjectNode object) {
    return (ObjectNode) object.get("metadata");
  }

  private static ObjectNode labels(ObjectNode object) {
    return (ObjectNode) metadata(object).get("labels");
  }

  private static ObjectNode image(ObjectNode warehouse) {
    return (ObjectNode) warehouse.at("/spec/subscriptions/0/image");
  }

  private static ObjectNode step(ObjectNode stage) {
    return (ObjectNode) stage.at("/spec/promotionTemplate/spec/steps/0");
  }

  private static ObjectNode origin(ObjectNode stage) {
    return (ObjectNode) stage.at("/spec/requestedFreight/0/origin");
  }

  private static ObjectNode httpConfig(ObjectNode task) {
    ArrayNode steps = (ArrayNode) task.at("/spec/steps");
    return (ObjectNode) steps.get(0).get("config");
  }
}
