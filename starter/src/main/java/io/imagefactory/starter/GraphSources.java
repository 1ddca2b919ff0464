package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where {@code graph} gets the images from: the state files of a checkout ({@code images/}, {@code
 * base-images/}), offline, or the worker's {@code GET /api/v1/images}, which answers the status of
 * every image (as {@code status --json} prints it).
 */
final class GraphSources {

  private GraphSources() {}

  /** Reads the state files; every unreadable file is named, then the command fails. */
  static ImageGraph fromStateFiles(Path root) {
    if (!Files.isDirectory(root)) {
      throw CommandFailure.invalidInput("--state-dir " + root + " is not a directory");
    }
    StateSnapshot state;
    try {
      state = new StateDirectoryReader().read(root);
    } catch (IOException e) {
      throw CommandFailure.ioError(
          "cannot read the state files in " + root + ": " + e.getMessage());
    }
    if (!state.problems().isEmpty()) {
      String problems =
          state.problems().stream().map(String::valueOf).collect(Collectors.joining("\n  "));
      throw CommandFailure.invalidInput("cannot read the state files:\n  " + problems);
    }
    List<ImageGraph.Image> images = new ArrayList<>();
    for (ImageState image : state.images().values()) {
      images.add(
          image instanceof ManagedImageState managed
              ? new ImageGraph.Image(
                  managed.name(), true, managed.baseImages(), managed.pinnedBaseImages())
              : new ImageGraph.Image(image.name(), false, image.baseImages(), List.of()));
    }
    return ImageGraph.of(images, List.copyOf(state.baseImages().keySet()));
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

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }
}
