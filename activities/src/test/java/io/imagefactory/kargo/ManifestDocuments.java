package io.imagefactory.kargo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads every document of a (multi-document) YAML file; empty documents are skipped. */
public final class ManifestDocuments {

  private static final YAMLMapper YAML = new YAMLMapper();

  private ManifestDocuments() {}

  public static List<JsonNode> parse(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (values.hasNextValue()) {
        JsonNode document = values.nextValue();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("invalid YAML", e);
    }
    return documents;
  }

  public static List<JsonNode> read(Path file) {
    try {
      return parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /** {@code Kind/namespace/name} of an object, for messages. */
  public static String describe(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    String namespace = metadata.path("namespace").asText("");
    return object.path("kind").asText("?")
        + "/"
        + (namespace.isEmpty() ? "" : namespace + "/")
        + metadata.path("name").asText("?");
  }
}
