package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates Kubernetes objects against the CRDs that define them, by {@code apiVersion} and {@code
 * kind}: one JSON Schema per served CRD version, converted by {@link CrdSchemaConverter} with the
 * metadata rules of {@link ObjectMetaSchema}.
 */
public final class CrdSchemas {

  static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private final Map<String, JsonSchema> schemas = new HashMap<>();

  /** Loads every CustomResourceDefinition found in the given YAML files. */
  public static CrdSchemas load(List<Path> crdFiles) {
    CrdSchemas crds = new CrdSchemas();
    for (Path file : crdFiles) {
      for (JsonNode document : ManifestDocuments.read(file)) {
        if ("CustomResourceDefinition".equals(document.path("kind").asText())) {
          crds.add(document);
        }
      }
    }
    return crds;
  }

  private void add(JsonNode crd) {
    JsonNode spec = crd.path("spec");
    String group = spec.path("group").asText();
    String kind = spec.path("names").path("kind").asText();
    boolean namespaced = "Namespaced".equals(spec.path("scope").asText());
    for (JsonNode version : spec.path("versions")) {
      ObjectNode schema =
          CrdSchemaConverter.convert(version.path("schema").path("openAPIV3Schema"));
      ObjectNode properties = (ObjectNode) schema.path("properties");
      properties.set("metadata", ObjectMetaSchema.of(namespaced));
      properties.putObject("apiVersion").put("const", group + "/" + version.path("name").asText());
      properties.putObject("kind").put("const", kind);
      schema.withArray("required").add("apiVersion").add("kind").add("metadata");
      schemas.put(
          key(group + "/" + version.path("name").asText(), kind), FACTORY.getSchema(schema));
    }
  }

  /** True when a CRD defines objects of this apiVersion and kind. */
  public boolean defines(JsonNode object) {
    return schemas.containsKey(
        key(object.path("apiVersion").asText(), object.path("kind").asText()));
  }

  /** Every schema violation of the object, each prefixed with the object it is about. */
  public List<String> validate(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText();
    JsonSchema schema = schemas.get(key(apiVersion, kind));
    List<String> errors = new ArrayList<>();
    if (schema == null) {
      errors.add(
          ManifestDocuments.describe(object) + ": no CRD defines " + apiVersion + " " + kind);
      return errors;
    }
    for (ValidationMessage message : schema.validate(object)) {
      errors.add(ManifestDocuments.describe(object) + ": " + message.getMessage());
    }
    return errors;
  }

  /** Validates a fragment (an image subscription, a step config) against a plain JSON Schema. */
  static List<String> validate(JsonSchema schema, JsonNode fragment, String where) {
    List<String> errors = new ArrayList<>();
    for (ValidationMessage message : schema.validate(fragment)) {
      errors.add(where + ": " + message.getMessage());
    }
    return errors;
  }

  private static String key(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }
}
