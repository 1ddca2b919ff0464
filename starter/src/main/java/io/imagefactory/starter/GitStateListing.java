package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.HumanText;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status} shows when Temporal knows no image: the images the state repository holds, as
 * the worker's index of it lists them, said plainly to be git state. A restarted embedded server
 * starts empty although git still enrolls every image; saying "no image is enrolled" then would be
 * wrong, and showing git state as if it were the workflows' would be too.
 */
final class GitStateListing {

  static final String NONE = "No image is enrolled; run: image-factory enroll";

  private static final int SHOWN = 200;

  private GitStateListing() {}

  static List<String> of(WorkerApi worker) {
    WorkerApi.Answer answer;
    try {
      answer = worker.get(WorkerApi.IMAGES);
    } catch (CommandFailure unreachable) {
      return List.of(
          "No image workflow is running in Temporal; run: image-factory enroll",
          "(the state repository was not consulted: " + unreachable.getMessage() + ")");
    }
    List<String[]> images = answer.ok() ? parse(answer.body()) : null;
    if (images == null) {
      return List.of(
          "No image workflow is running in Temporal; run: image-factory enroll",
          "(the state repository was not consulted: the worker answered HTTP "
              + answer.status()
              + ": "
              + answer.summary()
              + ")");
    }
    if (images.isEmpty()) {
      return List.of(NONE);
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        "No image workflow is running in Temporal (a restarted embedded server starts empty).");
    lines.add(
        "Showing GIT STATE: the "
            + images.size()
            + " image(s) the state repository enrolls; run image-factory enroll to restore"
            + " their workflows.");
    lines.add(
        String.format("%-24s  %-9s  %s", "IMAGE (git)", "KIND", "REPOSITORY").stripTrailing());
    for (String[] image : images) {
      lines.add(String.format("%-24s  %-9s  %s", image[0], image[1], image[2]).stripTrailing());
    }
    return lines;
  }

  /** Name, kind and repository of each listed image; null when the body is not such a list. */
  private static List<String[]> parse(String body) {
    JsonNode list;
    try {
      list = CliJson.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
    if (list == null || !list.isArray()) {
      return null;
    }
    List<String[]> images = new ArrayList<>();
    for (JsonNode image : list) {
      images.add(
          new String[] {
            HumanText.printable(image.path("name").asText("?"), SHOWN),
            HumanText.printable(image.path("kind").asText(""), SHOWN),
            HumanText.printable(image.path("repoURL").asText(""), SHOWN)
          });
    }
    return images;
  }
}
