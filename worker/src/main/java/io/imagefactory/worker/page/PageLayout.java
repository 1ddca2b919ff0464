package io.imagefactory.worker.page;

import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The frame every status page shares: head with the one stylesheet and the one script (no inline
 * script or style, which the Content-Security-Policy forbids), the navigation, and a footer that
 * says which state commit the page shows and how old it is.
 */
final class PageLayout {

  private PageLayout() {}

  /** A whole page titled {@code title}, whose main part {@code body} writes. */
  static String page(String title, Freshness freshness, Instant now, Consumer<Html> body) {
    Html html = new Html();
    html.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .open("title")
        .text(title + " · Image Factory")
        .close("title")
        .open("link", "rel", "stylesheet", "href", StatusPaths.STYLESHEET)
        .open("script", "src", StatusPaths.SCRIPT, "defer", "")
        .close("script")
        .raw("</head><body><header><nav>")
        .raw("<span class=\"brand\">Image Factory</span>")
        .element("a", "Images", "href", StatusPaths.TABLE)
        .element("a", "Dependency graph", "href", StatusPaths.GRAPH)
        .raw("</nav></header><main>");
    body.accept(html);
    html.raw("</main><footer>");
    if (freshness != null) {
      html.text("State repository at commit ")
          .element("code", shortCommit(freshness.commit()), "title", freshness.commit())
          .text(", confirmed to be the tip ");
      Moments.time(html, freshness.checkedAt(), now);
      if (freshness.lastError() != null) {
        html.element(
            "span",
            " · not refreshed since: " + freshness.lastError(),
            "class",
            "stale",
            "id",
            "refresh-error");
      }
      html.text(" · read-only: approvals and rebuilds go through the CLI.");
    }
    return html.raw("</footer></body></html>\n").toString();
  }

  static String shortCommit(String commit) {
    return commit == null ? "" : commit.substring(0, Math.min(12, commit.length()));
  }
}
