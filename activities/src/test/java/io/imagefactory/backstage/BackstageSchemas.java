package io.imagefactory.backstage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.imagefactory.catalog.EntityRefRules;
import io.imagefactory.kargo.ManifestDocuments;
import io.imagefactory.kargo.SharedReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Validates entities the way Backstage's catalog 1.10.3 would: against the JSON schemas of the
 * catalog model in the shared reference folder (the envelope, then the kind's schema, which
 * includes {@code Entity} and {@code EntityMeta}), with the same validator as the Kargo schema
 * tests; plus the field formats the schemas leave to Backstage's default entity policy (names,
 * namespaces, annotation keys, tags, and the entity references of {@code owner}, {@code system} and
 * {@code dependsOn}).
 */
final class BackstageSchemas {

  static final String DIR = "reference/backstage-catalog-model-1.10.3";

  /** The schemas' {@code $id}s are relative; they are resolved against this base. */
  private static final String BASE = "https://backstage.io/catalog-model/";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[a-z0-9:+#]+(-[a-z0-9:+#]+)*");
  private static final Pattern REF =
      Pattern.compile("(?<kind>[a-zA-Z][a-zA-Z0-9]*):(?<namespace>[^/:]+)/(?<name>[^/:]+)");

  private final JsonSchema envelope;
  private final Map<String, JsonSchema> kinds = new HashMap<>();

  private BackstageSchemas(JsonSchemaFactory factory) {
    envelope = factory.getSchema(SchemaLocation.of(BASE + "EntityEnvelope"));
    kinds.put("Resource", factory.getSchema(SchemaLocation.of(BASE + "ResourceV1alpha1")));
    kinds.put("Component", factory.getSchema(SchemaLocation.of(BASE + "ComponentV1alpha1")));
    kinds.put("System", factory.getSchema(SchemaLocation.of(BASE + "SystemV1alpha1")));
  }

  /** Loads the reference, or skips the calling test when the shared directory is absent. */
  static BackstageSchemas load() {
    Path dir = SharedReference.require(DIR);
    Map<String, String> byIri = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).toList()) {
        String text = Files.readString(file);
        byIri.put(BASE + json.readTree(text).path("$id").asText(), text);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir, e);
    }
    JsonSchemaFactory factory =
        JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V7, builder -> builder.schemaLoaders(l -> l.schemas(byIri)));
    return new BackstageSchemas(factory);
  }

  /** Every violation in a catalog file, each naming the entity. */
  List<String> validateFile(String yaml) {
    List<String> errors = new ArrayList<>();
    for (JsonNode entity : ManifestDocuments.parse(yaml)) {
      errors.addAll(validate(entity));
    }
    return errors;
  }

  /** Every violation of one entity; empty when Backstage would accept it. */
  List<String> validate(JsonNode entity) {
    String where =
        entity.path("kind").asText() + " " + entity.path("metadata").path("name").asText();
    List<String> errors = new ArrayList<>();
    envelope.validate(entity).forEach(m -> errors.add(where + ": " + m.getMessage()));
    JsonSchema kind = kinds.get(entity.path("kind").asText());
    if (kind == null) {
      errors.add(where + ": no schema for kind " + entity.path("kind").asText());
    } else {
      for (ValidationMessage message : kind.validate(entity)) {
        errors.add(where + ": " + message.getMessage());
      }
    }
    checkFormats(entity, where, errors);
    return errors;
  }

  private static void checkFormats(JsonNode entity, String where, List<String> errors) {
    JsonNode metadata = entity.path("metadata");
    if (!EntityRefRules.isValidName(metadata.path("name").asText())) {
      errors.add(where + ": metadata.name is not a valid entity name");
    }
    String namespace = metadata.path("namespace").asText("default");
    if (!DNS_LABEL.matcher(namespace).matches() || namespace.length() > 63) {
      errors.add(where + ": metadata.namespace is not a DNS label");
    }
    for (Iterator<String> keys = metadata.path("annotations").fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!isValidAnnotationKey(key)) {
        errors.add(where + ": annotation key " + key + " is not <dns-subdomain>/<name>");
      }
    }
    for (JsonNode tag : metadata.path("tags")) {
      if (!TAG.matcher(tag.asText()).matches() || tag.asText().length() > 63) {
        errors.add(where + ": tag " + tag + " is not a valid tag");
      }
    }
    for (JsonNode link : metadata.path("links")) {
      if (!link.path("url").asText().matches("https?://[^\\s]+")) {
        errors.add(where + ": link " + link + " is not an http(s) URL");
      }
    }
    JsonNode spec = entity.path("spec");
    if (spec.has("owner")) {
      EntityRefRules.owner(spec.path("owner").asText())
          .ifPresent(p -> errors.add(where + ": spec.owner " + p));
    }
    if (spec.has("system")) {
      EntityRefRules.system(spec.path("system").asText())
          .ifPresent(p -> errors.add(where + ": spec.system " + p));
    }
    for (JsonNode ref : spec.path("dependsOn")) {
      var match = REF.matcher(ref.asText());
      // Backstage gives dependsOn no default kind: each reference must name one.
      if (!match.matches()
          || !DNS_LABEL.matcher(match.group("namespace")).matches()
          || !EntityRefRules.isValidName(match.group("name"))) {
        errors.add(where + ": spec.dependsOn " + ref + " is not kind:namespace/name");
      }
    }
  }

  private static boolean isValidAnnotationKey(String key) {
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty() || prefix.length() > 253) {
        return false;
      }
      for (String label : prefix.split("\\.", -1)) {
        if (!DNS_LABEL.matcher(label).matches() || label.length() > 63) {
          return false;
        }
      }
    }
    return EntityRefRules.isValidName(parts[parts.length - 1]);
  }
}
