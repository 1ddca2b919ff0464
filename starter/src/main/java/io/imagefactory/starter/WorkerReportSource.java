package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.starter.report.ReportInput;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.RuntimeRecords;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report's input from the worker's {@code GET /api/v1/images}: each image's configuration and
 * its workflow's runtime, written into a state file the way the workflow writes it ({@link
 * RuntimeRecords#withRuntime}), so the report reads both sources alike. The API knows no base
 * digests, no enrollment time and no history: those columns stay empty and the audit trail is left
 * out.
 */
final class WorkerReportSource {

  private WorkerReportSource() {}

  /** Asks the worker; an image whose workflow could not be asked is listed as a problem. */
  static ReportInput read(WorkerApi worker, String label) {
    WorkerApi.Answer answer = worker.get(WorkerApi.IMAGES);
    if (!answer.ok()) {
      throw CommandFailure.ioError(
          "the worker answered "
              + answer.status()
              + " to GET "
              + WorkerApi.IMAGES
              + (answer.summary().isEmpty() ? "" : ": " + answer.summary()));
    }
    JsonNode list;
    try {
      list = CliJson.MAPPER.readTree(answer.body());
    } catch (JsonProcessingException e) {
      throw CommandFailure.ioError(
          "the worker's answer to GET " + WorkerApi.IMAGES + " is not JSON");
    }
    Map<String, ImageState> images = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode view : list) {
      String name = view.path("name").asText();
      if (!view.hasNonNull("config") || !view.hasNonNull("runtime")) {
        problems.add(
            WorkerApi.IMAGES
                + " "
                + name
                + ": workflow "
                + view.path("workflow").asText("unknown"));
        continue;
      }
      ImageConfig config;
      ImageRuntime runtime;
      try {
        config = CliJson.MAPPER.treeToValue(view.get("config"), ImageConfig.class);
        runtime = CliJson.MAPPER.treeToValue(view.get("runtime"), ImageRuntime.class);
      } catch (JsonProcessingException e) {
        problems.add(
            WorkerApi.IMAGES + " " + name + ": unreadable status: " + e.getOriginalMessage());
        continue;
      }
      images.put(config.name(), RuntimeRecords.withRuntime(skeleton(config), runtime));
    }
    return new ReportInput(label, new StateSnapshot(images, Map.of()), null, problems);
  }

  /** A state file with the configuration the API gives and no runtime yet. */
  private static ImageState skeleton(ImageConfig config) {
    if (config.kind() == ImageKind.EXTERNAL) {
      return new ExternalImageState(
          config.name(),
          null,
          null,
          null,
          null,
          null,
          null,
          config.baseImages(),
          config.dependentImages(),
          null,
          null,
          null,
          List.of(),
          Map.of());
    }
    return new ManagedImageState(
        config.name(),
        null,
        null,
        null,
        null,
        config.buildErrors(),
        null,
        config.baseImages(),
        config.pinnedBaseImages(),
        config.dependentImages(),
        null,
        null,
        null,
        null,
        null,
        Map.of());
  }
}
