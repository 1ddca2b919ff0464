package io.imagefactory.worker.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.reference.ImageReferences;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.worker.webhook.ImageDirectory.Entry;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/images[/name]}: the enrolled images from the webhook's index of the state
 * repository, each with what its workflow reports (the {@code status} query) when it runs.
 * Read-only; the headers say how old the index is.
 */
@RestController
class ImagesController {

  static final String STATE_COMMIT = "X-Image-Factory-State-Commit";

  private final ImageDirectory directory;
  private final WorkflowClient client;

  ImagesController(ImageDirectory directory, WorkflowClient client) {
    this.directory = directory;
    this.client = client;
  }

  @GetMapping("/api/v1/images")
  ResponseEntity<List<ImageView>> images() {
    Freshness freshness = directory.freshness();
    return fromIndex(freshness).body(directory.images().stream().map(this::view).toList());
  }

  @GetMapping("/api/v1/images/{name}")
  ResponseEntity<ImageView> image(@PathVariable String name) {
    ImageReferences.checkImageName(name)
        .ifPresent(
            reason -> {
              throw ApiProblem.badRequest("name", reason);
            });
    Freshness freshness = directory.freshness();
    return directory.images().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .map(entry -> fromIndex(freshness).body(view(entry)))
        .orElseThrow(() -> ApiProblem.notFound("no image named " + name + " is enrolled"));
  }

  /**
   * A 200 that says which snapshot of the state repository it lists: {@code Age} (seconds since
   * that commit was last confirmed to be the tip) and {@value #STATE_COMMIT}.
   */
  private static ResponseEntity.BodyBuilder fromIndex(Freshness freshness) {
    return ResponseEntity.ok()
        .header(HttpHeaders.AGE, Long.toString(freshness.ageSeconds()))
        .header(STATE_COMMIT, freshness.commit());
  }

  private ImageView view(Entry entry) {
    String id = entry.workflowId();
    String kind = entry.kind().name().toLowerCase(Locale.ROOT);
    try {
      ImageStatus status = client.newWorkflowStub(ImageWorkflow.class, id).status();
      return new ImageView(
          entry.name(),
          kind,
          entry.repoURL(),
          id,
          "found",
          status.config(),
          status.runtime(),
          status.details());
    } catch (WorkflowNotFoundException e) {
      return new ImageView(
          entry.name(), kind, entry.repoURL(), id, "not running", null, null, null);
    } catch (WorkflowException e) {
      String failure = "query failed: " + e.getClass().getSimpleName();
      return new ImageView(entry.name(), kind, entry.repoURL(), id, failure, null, null, null);
    }
  }

  /**
   * One image as the API shows it: where it is watched, and what its workflow's {@code status}
   * query answers ({@code config}, {@code runtime}, {@code details}), which is left out when the
   * workflow could not be asked.
   *
   * @param workflow {@code found}, {@code not running} or why the query failed
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ImageView(
      String name,
      String kind,
      String repoURL,
      String workflowId,
      String workflow,
      ImageConfig config,
      ImageRuntime runtime,
      String details) {}
}
