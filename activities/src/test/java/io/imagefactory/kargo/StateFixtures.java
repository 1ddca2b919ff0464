package io.imagefactory.kargo;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the state files of a fixture directory ({@code images/}, {@code base-images/}). */
final class StateFixtures {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  final List<ImageState> images = new ArrayList<>();
  final List<BaseImageState> bases = new ArrayList<>();

  static StateFixtures read(Path stateDir) {
    StateFixtures fixtures = new StateFixtures();
    for (Path file : yamlFiles(stateDir.resolve("images"))) {
      JsonNode tree = readTree(file);
      Class<? extends ImageState> type =
          "external".equals(tree.path("discoveryStatus").asText())
              ? ExternalImageState.class
              : ManagedImageState.class;
      fixtures.images.add(convert(tree, type, file));
    }
    for (Path file : yamlFiles(stateDir.resolve("base-images"))) {
      fixtures.bases.add(convert(readTree(file), BaseImageState.class, file));
    }
    return fixtures;
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readTree(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static <T> T convert(JsonNode tree, Class<T> type, Path file) {
    try {
      return YAML.treeToValue(tree, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot map " + file, e);
    }
  }
}
