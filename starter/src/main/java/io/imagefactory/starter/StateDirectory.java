package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ImageState;
import io.imagefactory.catalog.ManagedImageState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state files of a state repository checkout ({@code images/}, {@code base-images/}), read for
 * offline commands. Bad files are collected, each named with its line, rather than stopping at the
 * first.
 */
final class StateDirectory {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  final List<ImageState> images = new ArrayList<>();
  final List<BaseImageState> bases = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  /** Reads every state file; fails only when a directory cannot be listed or a file read. */
  static StateDirectory read(Path root) throws IOException {
    StateDirectory state = new StateDirectory();
    for (Path file : yamlFiles(root.resolve("images"))) {
      JsonNode tree = state.parse(root, file);
      if (tree != null) {
        Class<? extends ImageState> type =
            "external".equals(tree.path("discoveryStatus").asText())
                ? ExternalImageState.class
                : ManagedImageState.class;
        state.map(root, file, tree, type).ifPresent(state.images::add);
      }
    }
    for (Path file : yamlFiles(root.resolve("base-images"))) {
      JsonNode tree = state.parse(root, file);
      if (tree != null) {
        state.map(root, file, tree, BaseImageState.class).ifPresent(state.bases::add);
      }
    }
    return state;
  }

  private JsonNode parse(Path root, Path file) throws IOException {
    String text = Files.readString(file);
    try {
      JsonNode tree = YAML.readTree(text);
      if (tree == null || !tree.isObject()) {
        problems.add(root.relativize(file) + ": not a YAML mapping");
        return null;
      }
      String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      if (!expected.equals(tree.path("name").asText())) {
        problems.add(
            root.relativize(file) + ": field name must be '" + expected + "', the file's name");
        return null;
      }
      return tree;
    } catch (JsonProcessingException e) {
      problems.add(root.relativize(file) + where(e.getLocation()) + ": " + e.getOriginalMessage());
      return null;
    }
  }

  private <T> Optional<T> map(Path root, Path file, JsonNode tree, Class<T> type) {
    try {
      return Optional.of(YAML.treeToValue(tree, type));
    } catch (JsonProcessingException e) {
      problems.add(root.relativize(file) + ": " + e.getOriginalMessage());
      return Optional.empty();
    }
  }

  private static String where(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "" : ", line " + location.getLineNr();
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
