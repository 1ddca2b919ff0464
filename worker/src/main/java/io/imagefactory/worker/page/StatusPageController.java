package io.imagefactory.worker.page;

import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.staterepo.StateRepositoryException;
import io.imagefactory.worker.webhook.ImageDirectory;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The read-only status page: the images table, a page per image and the dependency graph, all
 * rendered here from the webhook's in-memory index of the state repository (never from git on the
 * request thread, never by asking Temporal). Nothing on it writes.
 */
@Controller
class StatusPageController {

  private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
  private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml;charset=UTF-8");

  private final ImageDirectory directory;
  private final Clock clock;

  StatusPageController(ImageDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  @GetMapping(StatusPaths.TABLE)
  ResponseEntity<String> table() {
    Freshness freshness = directory.freshness();
    List<ImageRow> rows = directory.states().images().values().stream().map(ImageRow::of).toList();
    return html(HttpStatus.OK, TablePage.render(rows, freshness, clock.instant()));
  }

  @GetMapping(StatusPaths.IMAGE)
  ResponseEntity<String> image(@PathVariable String name) {
    Freshness freshness = directory.freshness();
    StateSnapshot states = directory.states();
    Instant now = clock.instant();
    if (!states.images().containsKey(name)) {
      return html(
          HttpStatus.NOT_FOUND,
          PageLayout.page(
              "Not enrolled",
              freshness,
              now,
              page ->
                  page.raw("<h1>Not enrolled</h1>")
                      .element(
                          "p", "No image named " + name + " is enrolled.", "id", "not-found")));
    }
    DependencyGraph graph = DependencyGraph.of(states);
    List<String> dependents =
        graph.edges().stream()
            .filter(e -> e.from().equals(name))
            .map(DependencyGraph.Edge::to)
            .toList();
    Set<String> images = states.images().keySet();
    return html(
        HttpStatus.OK,
        ImagePage.render(
            ImageRow.of(states.images().get(name)), images, dependents, freshness, now));
  }

  @GetMapping(StatusPaths.GRAPH)
  ResponseEntity<String> graph() {
    Freshness freshness = directory.freshness();
    return html(
        HttpStatus.OK,
        GraphPage.render(DependencyGraph.of(directory.states()), freshness, clock.instant()));
  }

  @GetMapping(StatusPaths.GRAPH_SVG)
  ResponseEntity<String> graphSvg() {
    return ResponseEntity.ok()
        .contentType(SVG)
        .body(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + GraphSvg.render(DependencyGraph.of(directory.states())));
  }

  /** Before the first read of the state repository there is nothing to show yet. */
  @ExceptionHandler(StateRepositoryException.class)
  ResponseEntity<String> notReadYet(StateRepositoryException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, "5")
        .contentType(HTML)
        .body(
            PageLayout.page(
                "Starting",
                null,
                clock.instant(),
                page ->
                    page.raw("<h1>The state repository is being read</h1>")
                        .element("p", "Reload in a few seconds. (" + e.getMessage() + ")")));
  }

  private static ResponseEntity<String> html(HttpStatus status, String body) {
    return ResponseEntity.status(status).contentType(HTML).body(body);
  }
}
