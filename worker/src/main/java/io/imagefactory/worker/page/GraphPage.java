package io.imagefactory.worker.page;

import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.time.Instant;

/** The dependency graph page: the picture, a legend, and the SVG to download. */
final class GraphPage {

  private GraphPage() {}

  static String render(DependencyGraph graph, Freshness freshness, Instant now) {
    return PageLayout.page(
        "Dependency graph",
        freshness,
        now,
        html -> {
          html.raw("<h1>Dependency graph</h1>");
          html.raw("<p class=\"legend\">")
              .raw("<span class=\"key base\">base image</span> ")
              .raw("<span class=\"key managed\">managed image</span> ")
              .raw("<span class=\"key external\">external image</span> ")
              .raw(
                  "<span class=\"key cascade\">cascade: a rebuild of ours triggers the next</span>"
                      + " ")
              .raw("<span class=\"key failed\">failed</span> · ")
              .element(
                  "a", "SVG", "href", StatusPaths.GRAPH_SVG, "download", "image-factory-graph.svg")
              .raw("</p>");
          html.raw("<div class=\"graph-frame\">").raw(GraphSvg.render(graph)).raw("</div>");
        });
  }
}
