package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns a CRD's {@code openAPIV3Schema} into a JSON Schema (2020-12) that judges an object the way
 * the API server would, and strictly where the server would silently lose data:
 *
 * <ul>
 *   <li>an object with {@code properties} rejects unknown fields, since the server would prune them
 *       (unless {@code x-kubernetes-preserve-unknown-fields});
 *   <li>{@code x-kubernetes-int-or-string} accepts an integer or a string; {@code nullable} adds
 *       null; other {@code x-kubernetes-*} keywords (list types, CEL validations) are dropped, and
 *       the CEL rules our output depends on are checked by hand in {@link KargoSchemas};
 *   <li>{@code format} is dropped (int32, int64, byte and date-time are not asserted by the
 *       server's structural schema on apply in a way we rely on).
 * </ul>
 */
public final class CrdSchemaConverter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf");

  private CrdSchemaConverter() {}

  public static ObjectNode convert(JsonNode openApi) {
    ObjectNode out = NODES.objectNode();
    boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    Iterator<Map.Entry<String, JsonNode>> fields = openApi.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.startsWith("x-kubernetes-")
          || key.equals("description")
          || key.equals("format")
          || key.equals("nullable")) {
        continue;
      }
      switch (key) {
        case "properties" -> out.set(key, convertEach((ObjectNode) value));
        case "items", "not" -> out.set(key, convert(value));
        case "additionalProperties" ->
            out.set(key, value.isObject() ? convert(value) : value.deepCopy());
        default -> {
          if (SCHEMA_LISTS.contains(key)) {
            ArrayNode list = out.putArray(key);
            value.forEach(item -> list.add(convert(item)));
          } else {
            out.set(key, value.deepCopy());
          }
        }
      }
    }
    if (openApi.path("x-kubernetes-int-or-string").asBoolean()) {
      out.remove("type");
      ArrayNode anyOf = out.putArray("anyOf");
      anyOf.addObject().put("type", "integer");
      anyOf.addObject().put("type", "string");
    }
    if (openApi.path("nullable").asBoolean() && out.has("type")) {
      ArrayNode types = NODES.arrayNode().add(out.get("type").asText()).add("null");
      out.set("type", types);
    }
    if (openApi.has("properties") && !openApi.has("additionalProperties") && !preserveUnknown) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  private static ObjectNode convertEach(ObjectNode properties) {
    ObjectNode out = NODES.objectNode();
    properties.fields().forEachRemaining(e -> out.set(e.getKey(), convert(e.getValue())));
    return out;
  }
}
