package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imagefactory.catalog.BaseImageState;
import io.imagefactory.catalog.DiscoveryStatus;
import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ManagedImageState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where {@code graph} gets the images from: the state files of a checkout ({@code images/}, {@code
 * base-images/}), offline, or the worker's {@code GET /api/v1/images}, which answers the status of
 * every image (as {@code status --json} prints it).
 */
final class GraphSources {

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private GraphSources() {}

  /** Reads the state files; every unreadable file is named, then the command fails. */
  static ImageGraph fromStateFiles(Path root) {
    if (!Files.isDirectory(root)) {
      throw CommandFailure.invalidInput("--state-dir " + root + " is not a directory");
    }
    List<String> problems = new ArrayList<>();
    List<ImageGraph.Image> images = new ArrayList<>();
    for (Path file : yamlFiles(root.resolve("images"))) {
      JsonNode tree = read(root, file, problems);
      if (tree == null) {
        continue;
      }
      try {
        if (DiscoveryStatus.EXTERNAL.value().equals(tree.path("discoveryStatus").asText())) {
          ExternalImageState state = YAML.treeToValue(tree, ExternalImageState.class);
          images.add(new ImageGraph.Image(state.name(), false, state.baseImages(), List.of()));
        } else {
          ManagedImageState state = YAML.treeToValue(tree, ManagedImageState.class);
          images.add(
              new ImageGraph.Image(
                  state.name(), true, state.baseImages(), state.pinnedBaseImages()));
        }
      } catch (JsonProcessingException e) {
        problems.add(root.relativize(file) + ": " + e.getOriginalMessage());
      }
    }
    List<String> bases = new ArrayList<>();
    for (Path file : yamlFiles(root.resolve("base-images"))) {
      JsonNode tree = read(root, file, problems);
      if (tree != null) {
        try {
          bases.add(YAML.treeToValue(tree, BaseImageState.class).name());
        } catch (JsonProcessingException e) {
          problems.add(root.relativize(file) + ": " + e.getOriginalMessage());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw CommandFailure.invalidInput(
          "cannot read the state files:\n  " + String.join("\n  ", problems));
    }
    return ImageGraph.of(images, bases);
  }

  /** Asks the worker; a list of image statuses, or an object holding one under {@code images}. */
  static ImageGraph fromWorker(WorkerApi worker) {
    WorkerApi.Answer answer = worker.get(WorkerApi.IMAGES);
    if (!answer.ok()) {
      throw CommandFailure.ioError(
          "the worker answered "
              + answer.status()
              + " to GET "
              + WorkerApi.IMAGES
              + (answer.summary().isEmpty() ? "" : ": " + answer.summary()));
    }
    JsonNode body;
    try {
      body = CliJson.MAPPER.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw CommandFailure.ioError(
          "the worker's answer to GET " + WorkerApi.IMAGES + " is not JSON");
    }
    JsonNode list = body.isArray() ? body : body.path("images");
    List<ImageGraph.Image> images = new ArrayList<>();
    for (JsonNode status : list) {
      JsonNode config = status.has("config") ? status.get("config") : status;
      images.add(
          new ImageGraph.Image(
              config.path("name").asText(),
              !"external".equals(config.path("kind").asText().toLowerCase(Locale.ROOT)),
              texts(config.path("baseImages")),
              texts(config.path("pinnedBaseImages"))));
    }
    return ImageGraph.of(images, List.of());
  }

  private static JsonNode read(Path root, Path file, List<String> problems) {
    try {
      JsonNode tree = YAML.readTree(Files.readString(file));
      if (tree == null || !tree.isObject() || !tree.path("name").isTextual()) {
        problems.add(root.relativize(file) + ": not a state file (a YAML mapping with a name)");
        return null;
      }
      return tree;
    } catch (JsonProcessingException e) {
      String line = e.getLocation() == null ? "" : ", line " + e.getLocation().getLineNr();
      problems.add(root.relativize(file) + line + ": " + oneLine(e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(root.relativize(file) + ": cannot read: " + e.getMessage());
      return null;
    }
  }

  /** The parser's own lines, without the snippet and position lines it quotes. */
  private static String oneLine(String message) {
    return String.join(
        "; ", message.lines().filter(l -> !l.isBlank() && !l.startsWith(" ")).toList());
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw CommandFailure.ioError("cannot list " + dir + ": " + e.getMessage());
    }
  }
}
