package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Validates rendered Kargo objects the way Kargo v1.11.2 would: each object against its CRD, each
 * image subscription against {@code subscription-image.schema.json}, each {@code http} step config
 * against {@code step-http-config.schema.json}, plus the CEL rules of the CRDs our output depends
 * on and the v1.11 rule that deprecated tag filters fail discovery.
 */
public final class KargoSchemas {

  private final CrdSchemas crds;
  private final JsonSchema imageSubscription;
  private final JsonSchema httpStep;

  private KargoSchemas(CrdSchemas crds, JsonSchema imageSubscription, JsonSchema httpStep) {
    this.crds = crds;
    this.imageSubscription = imageSubscription;
    this.httpStep = httpStep;
  }

  /** Loads the Kargo reference, or skips the calling test when the shared directory is absent. */
  public static KargoSchemas load() {
    Path dir = SharedReference.require(SharedReference.KARGO_DIR);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> crdFiles =
          files
              .filter(f -> f.getFileName().toString().startsWith("kargo.akuity.io_"))
              .sorted()
              .toList();
      return new KargoSchemas(
          CrdSchemas.load(crdFiles),
          jsonSchema(dir.resolve("subscription-image.schema.json")),
          jsonSchema(dir.resolve("step-http-config.schema.json")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every violation found in the object; empty when Kargo v1.11.2 would accept it. */
  public List<String> validate(JsonNode object) {
    List<String> errors = new ArrayList<>(crds.validate(object));
    String where = ManifestDocuments.describe(object);
    switch (object.path("kind").asText()) {
      case "Warehouse" ->
          validateSubscriptions(object.path("spec").path("subscriptions"), where, errors);
      case "PromotionTask" -> validateSteps(object.path("spec").path("steps"), true, where, errors);
      case "Stage" ->
          validateSteps(
              object.path("spec").path("promotionTemplate").path("spec").path("steps"),
              false,
              where,
              errors);
      case "ProjectConfig" ->
          validatePolicies(object.path("spec").path("promotionPolicies"), where, errors);
      default -> {}
    }
    return errors;
  }

  private void validateSubscriptions(JsonNode subscriptions, String where, List<String> errors) {
    int index = 0;
    for (JsonNode subscription : subscriptions) {
      String at = where + " subscriptions[" + index++ + "]";
      JsonNode image = subscription.get("image");
      if (image == null) {
        continue;
      }
      errors.addAll(CrdSchemas.validate(imageSubscription, image, at + ".image"));
      for (String deprecated : List.of("allowTags", "ignoreTags")) {
        if (image.has(deprecated)) {
          errors.add(at + ".image: " + deprecated + " makes discovery fail in Kargo v1.11");
        }
      }
    }
  }

  private void validateSteps(JsonNode steps, boolean inTask, String where, List<String> errors) {
    int index = 0;
    for (JsonNode step : steps) {
      String at = where + " steps[" + index++ + "]";
      boolean uses = step.has("uses");
      boolean task = step.has("task");
      if (inTask ? !uses || task : uses == task) {
        errors.add(at + ": a step must have exactly one of uses or task (a task step: uses only)");
      }
      if (task && (step.has("retry") || step.has("continueOnError"))) {
        errors.add(at + ": a step referencing a task cannot set retry or continueOnError");
      }
      if ("http".equals(step.path("uses").asText())) {
        errors.addAll(CrdSchemas.validate(httpStep, step.path("config"), at + ".config"));
      }
    }
  }

  private static void validatePolicies(JsonNode policies, String where, List<String> errors) {
    int index = 0;
    for (JsonNode policy : policies) {
      if (policy.has("stage") == policy.has("stageSelector")) {
        errors.add(
            where
                + " promotionPolicies["
                + index
                + "]: needs exactly one of stage or stageSelector");
      }
      index++;
    }
  }

  private static JsonSchema jsonSchema(Path file) {
    try {
      return CrdSchemas.FACTORY.getSchema(new ObjectMapper().readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
