package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schema CRDs leave out ({@code metadata: {type: object}}): names, namespace by scope, and
 * label keys and values as the API server validates them.
 */
final class ObjectMetaSchema {

  static final String DNS_SUBDOMAIN =
      "^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";
  static final String LABEL_KEY =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$";
  static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";

  private ObjectMetaSchema() {}

  /** Metadata of a namespaced object (namespace required) or a cluster-scoped one (none). */
  static ObjectNode of(boolean namespaced) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putArray("required").add("name");
    if (namespaced) {
      ((ArrayNode) schema.get("required")).add("namespace");
    }
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("name").put("type", "string").put("pattern", DNS_SUBDOMAIN);
    if (namespaced) {
      properties.putObject("namespace").put("type", "string").put("pattern", DNS_LABEL);
    }
    ObjectNode labels = properties.putObject("labels").put("type", "object");
    labels.putObject("propertyNames").put("pattern", LABEL_KEY);
    labels.putObject("additionalProperties").put("type", "string").put("pattern", LABEL_VALUE);
    ObjectNode annotations = properties.putObject("annotations").put("type", "object");
    annotations.putObject("propertyNames").put("pattern", LABEL_KEY);
    annotations.putObject("additionalProperties").put("type", "string");
    properties
        .putObject("finalizers")
        .put("type", "array")
        .putObject("items")
        .put("type", "string");
    schema.put("additionalProperties", false);
    return schema;
  }
}
