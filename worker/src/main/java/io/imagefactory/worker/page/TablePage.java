package io.imagefactory.worker.page;

import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.worker.webhook.ImageDirectory.Freshness;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The images table: one row per enrolled image with its state, bases, pending digests, rebuild
 * eligibility and last rebuild. Every cell carries a {@code data-sort} key, and {@code page.js}
 * filters and sorts the rows in the browser; without script the table is still whole.
 */
final class TablePage {

  static final List<String> COLUMNS =
      List.of(
          "Name",
          "Kind",
          "State",
          "Bases",
          "Pending digests",
          "Eligible at",
          "Last rebuild",
          "Outcome");

  private TablePage() {}

  static String render(List<ImageRow> rows, Freshness freshness, Instant now) {
    return PageLayout.page(
        "Images",
        freshness,
        now,
        html -> {
          html.raw("<h1>Images</h1>");
          html.raw("<div class=\"toolbar\"><label for=\"filter\">Filter</label>")
              .open(
                  "input",
                  "id",
                  "filter",
                  "type",
                  "search",
                  "placeholder",
                  "name, kind, state, base…",
                  "autocomplete",
                  "off")
              .open("span", "id", "shown", "aria-live", "polite")
              .text(rows.size() + " of " + rows.size() + " images")
              .close("span")
              .raw("</div>");
          html.raw("<table id=\"images\" class=\"sortable\"><thead><tr>");
          for (int i = 0; i < COLUMNS.size(); i++) {
            html.open("th", "scope", "col", "data-column", Integer.toString(i))
                .open("button", "type", "button", "class", "sort")
                .text(COLUMNS.get(i))
                .close("button")
                .close("th");
          }
          html.raw("</tr></thead><tbody>");
          rows.forEach(row -> row(html, row, now));
          html.raw("</tbody></table>");
          if (rows.isEmpty()) {
            html.element("p", "No image is enrolled yet.", "class", "empty");
          }
        });
  }

  private static void row(Html html, ImageRow row, Instant now) {
    html.open("tr", "data-name", row.name(), "class", "state-" + row.state());
    html.open("td", "data-sort", row.name().toLowerCase(Locale.ROOT))
        .element("a", row.name(), "href", StatusPaths.image(row.name()))
        .close("td");
    html.element("td", row.kind(), "data-sort", row.kind());
    html.open("td", "data-sort", row.state())
        .element("span", row.state(), "class", "badge " + row.state())
        .close("td");
    html.open("td", "data-sort", String.join(" ", row.bases()));
    html.text(String.join(", ", row.bases())).close("td");
    html.open("td", "data-sort", Integer.toString(row.pending().size()), "class", "digests");
    row.pending().forEach(p -> pending(html, p));
    html.close("td");
    html.open("td", "data-sort", row.eligibleAt() == null ? "" : row.eligibleAt().toString());
    if (row.eligibleAt() != null) {
      Moments.time(html, row.eligibleAt(), now);
    }
    html.close("td");
    RebuildEntry last = row.lastRebuild();
    html.open(
        "td",
        "data-sort",
        last == null || last.requestedAt() == null ? "" : last.requestedAt().toString());
    if (last != null) {
      Moments.time(html, last.requestedAt(), now);
      html.element("span", " " + last.trigger(), "class", "trigger");
    }
    html.close("td");
    html.open("td", "data-sort", row.outcome() == null ? "" : row.outcome());
    if (last != null) {
      html.element("span", last.outcome(), "class", "badge outcome " + last.outcome());
      if (last.run() != null || last.runUrl() != null) {
        html.text(" ").link(runUrl(last), "run", "class", "run");
      }
    }
    html.close("td");
    html.close("tr");
  }

  private static void pending(Html html, PendingDigest pending) {
    html.open("div", "class", pending.cascade() ? "pending cascade" : "pending")
        .element("span", pending.baseImage(), "class", "base")
        .text(" ")
        .element("code", shortDigest(pending.digest()), "title", pending.digest())
        .close("div");
  }

  /** The run's link: the run reference's URL, else the one recorded beside it. */
  static String runUrl(RebuildEntry entry) {
    if (entry.run() != null && entry.run().url() != null) {
      return entry.run().url();
    }
    return entry.runUrl();
  }

  /** {@code sha256:0123456789ab}: enough to tell digests apart at a glance. */
  static String shortDigest(String digest) {
    if (digest == null) {
      return "";
    }
    int colon = digest.indexOf(':');
    int end = Math.min(digest.length(), colon + 13);
    return colon < 0
        ? digest.substring(0, Math.min(digest.length(), 12))
        : digest.substring(0, end);
  }
}
