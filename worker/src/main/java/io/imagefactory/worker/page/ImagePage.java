package io.imagefactory.worker.page;

import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.worker.page.PendingTimeline.Moment;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The page of one image: what it is and where it comes from, its bases and the images built on it,
 * the pending timeline (candidates, their maturity, when the rebuild is due) and the rebuild
 * history the state file keeps.
 */
final class ImagePage {

  private ImagePage() {}

  /**
   * @param images the names that have a page of their own, for links to bases and dependents
   * @param dependents the images built on this one
   */
  static String render(
      ImageRow row, Set<String> images, List<String> dependents, Freshness freshness, Instant now) {
    return PageLayout.page(
        row.name(),
        freshness,
        now,
        html -> {
          html.open("h1").text(row.name()).text(" ");
          html.element("span", row.kind(), "class", "badge kind");
          html.text(" ")
              .element("span", row.state(), "class", "badge " + row.state(), "id", "state");
          html.close("h1");
          facts(html, row, now);
          html.raw("<section><h2>Bases</h2>");
          names(html, row.bases(), images, "bases", "Built on nothing this factory follows.");
          html.raw("<h2>Built on it</h2>");
          names(html, dependents, images, "dependents", "No image is built on it.");
          html.raw("</section>");
          if (row.source() instanceof ManagedImageState managed) {
            timeline(html, managed, now);
            history(html, row.history(), now);
          }
        });
  }

  private static void facts(Html html, ImageRow row, Instant now) {
    html.raw("<dl class=\"facts\">");
    Enrollment enrollment = row.source().enrollment();
    if (enrollment != null) {
      fact(html, "Published at", enrollment.registry() + "/" + enrollment.repository());
    }
    fact(html, "Current digest", row.currentDigest());
    if (row.source() instanceof ManagedImageState managed) {
      html.raw("<dt>Last built</dt><dd>");
      Moments.time(html, managed.lastBuilt(), now);
      html.raw("</dd>");
      if (managed.rebuildState() != null) {
        fact(html, "Last built by", managed.rebuildState().lastBuiltBy());
      }
      if (enrollment != null) {
        fact(html, "Rebuild delay", enrollment.rebuildDelay());
        fact(
            html,
            "Rebuilds",
            Boolean.FALSE.equals(enrollment.autoRebuild())
                ? "after approval (autoRebuild: false)"
                : "automatic (autoRebuild: true)");
        SourceConfig source = enrollment.source();
        if (source != null) {
          fact(html, "Source", source.repo() == null ? "the state repository" : source.repo());
          fact(html, "Dockerfile", source.dockerfile());
          fact(html, "Build workflow", source.workflow());
        }
      }
      fact(html, "Analysed at revision", managed.sourceRevision());
      fact(
          html,
          "Discovery",
          managed.discoveryStatus() == null
              ? null
              : managed.discoveryStatus().toString().toLowerCase(Locale.ROOT));
      fact(html, "Discovery error", managed.discoveryError());
      for (String error : managed.buildErrors()) {
        fact(html, "Rebuild target error", error);
      }
    } else if (row.source() instanceof ExternalImageState external) {
      fact(html, "Watched tags", external.allowTags());
      fact(html, "Current tag", external.currentTag());
      html.raw("<dt>Digest first seen</dt><dd>");
      Moments.time(html, external.lastUpdated(), now);
      html.raw("</dd>");
    }
    html.raw("<dt>Enrolled</dt><dd>");
    Moments.time(html, row.source().enrolledAt(), now);
    html.raw("</dd></dl>");
  }

  private static void fact(Html html, String name, String value) {
    if (value != null && !value.isBlank()) {
      html.element("dt", name).element("dd", value);
    }
  }

  private static void names(
      Html html, List<String> names, Set<String> images, String id, String none) {
    if (names.isEmpty()) {
      html.element("p", none, "class", "none", "id", id);
      return;
    }
    html.open("ul", "id", id, "class", "names");
    for (String name : names) {
      html.raw("<li>");
      if (images.contains(name)) {
        html.element("a", name, "href", StatusPaths.image(name));
      } else {
        html.text(name);
      }
      html.raw("</li>");
    }
    html.raw("</ul>");
  }

  private static void timeline(Html html, ManagedImageState image, Instant now) {
    html.raw("<section><h2>Pending timeline</h2>");
    List<Moment> moments = PendingTimeline.of(image, now);
    if (moments.isEmpty()) {
      html.element(
          "p",
          "Nothing pending: no base digest waits for a rebuild.",
          "id",
          "timeline",
          "class",
          "none");
    } else {
      html.raw("<ol id=\"timeline\" class=\"timeline\">");
      for (Moment moment : moments) {
        html.open("li", "class", moment.kind());
        Moments.time(html, moment.at(), now);
        html.text(" ").element("span", moment.what(), "class", "what").raw("</li>");
      }
      html.raw("</ol>");
    }
    if (image.rebuildState() != null && !image.rebuildState().pinnedUpdates().isEmpty()) {
      html.raw(
          "<h3>Newer digests of pinned bases (reported, not rebuilt)</h3><ul class=\"pinned\">");
      for (PendingDigest update : image.rebuildState().pinnedUpdates()) {
        html.raw("<li>")
            .text(update.baseImage() + " ")
            .element("code", update.digest())
            .raw("</li>");
      }
      html.raw("</ul>");
    }
    html.raw("</section>");
  }

  private static void history(Html html, List<RebuildEntry> history, Instant now) {
    html.raw("<section><h2>Rebuild history</h2>");
    if (history.isEmpty()) {
      html.element("p", "Never rebuilt by Image Factory.", "id", "history", "class", "none");
      html.raw("</section>");
      return;
    }
    html.raw("<table id=\"history\"><thead><tr><th>Rebuild</th><th>Requested</th><th>Trigger</th>")
        .raw("<th>Base digests</th><th>Builds</th><th>Outcome</th><th>Run</th><th>Completed</th>")
        .raw("<th>Built digest</th></tr></thead><tbody>");
    for (RebuildEntry entry : history) {
      html.open("tr", "data-rebuild", entry.rebuildId());
      html.element("td", entry.rebuildId());
      html.raw("<td>");
      Moments.time(html, entry.requestedAt(), now);
      html.raw("</td>");
      html.element("td", entry.trigger());
      html.raw("<td class=\"digests\">");
      for (Map.Entry<String, String> base :
          entry.baseDigests().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        html.raw("<div>")
            .element("span", base.getKey(), "class", "base")
            .text(" ")
            .element("code", TablePage.shortDigest(base.getValue()), "title", base.getValue())
            .raw("</div>");
      }
      html.raw("</td>");
      html.element("td", entry.builds());
      html.raw("<td>")
          .element("span", entry.outcome(), "class", "badge outcome " + entry.outcome());
      if (entry.detail() != null) {
        html.element("div", entry.detail(), "class", "detail");
      }
      html.raw("</td><td>");
      String url = TablePage.runUrl(entry);
      if (url != null) {
        html.link(
            url,
            entry.run() != null && entry.run().runId() != null ? "run " + entry.run().runId() : url,
            "class",
            "run");
      }
      html.raw("</td><td>");
      Moments.time(html, entry.completedAt(), now);
      html.raw("</td>");
      html.open("td")
          .element("code", TablePage.shortDigest(entry.builtDigest()), "title", entry.builtDigest())
          .close("td");
      html.close("tr");
    }
    html.raw("</tbody></table></section>");
  }
}
