package io.imagefactory.starter.report;

import io.imagefactory.HumanText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The report as one RFC 4180 table: a row per image ({@code record} = {@code image}, its rebuild
 * columns describing its last rebuild), then a row per rebuild of the audited period ({@code
 * record} = {@code rebuild}). CRLF line ends; a field holding a comma or a quote is quoted, with
 * quotes doubled. The summary is left out: it is counts over these rows.
 *
 * <p>The state is hostile input and a spreadsheet runs formulas: a field that would start with
 * {@code = + - @} is prefixed with {@code '} (OWASP's advice against CSV injection), and
 * unprintable characters are written as {@code \\uXXXX}.
 */
final class CsvReport implements ReportRenderer {

  static final List<String> COLUMNS =
      List.of(
          "record",
          "image",
          "kind",
          "status",
          "stale",
          "bases",
          "digest",
          "built_at",
          "age_days",
          "pending_rebuild",
          "eligible_at",
          "behind",
          "rebuild",
          "requested_at",
          "trigger",
          "outcome",
          "run_url",
          "completed_at",
          "commit",
          "outcomes");

  @Override
  public String render(ComplianceReport report) {
    StringBuilder csv = new StringBuilder();
    line(csv, COLUMNS);
    for (ImageRow image : report.images()) {
      var rebuild = image.lastRebuild();
      line(
          csv,
          Arrays.asList(
              "image",
              image.name(),
              image.kind(),
              image.status(),
              Boolean.toString(image.stale()),
              image.bases().stream()
                  .map(
                      b ->
                          b.name()
                              + "@"
                              + (b.digest() == null ? "" : b.digest())
                              + (b.pinned() ? " pinned" : ""))
                  .collect(Collectors.joining(" ")),
              image.digest(),
              time(image.builtAt()),
              number(ReportCells.ageDays(image.age())),
              Boolean.toString(image.pendingRebuild()),
              time(image.eligibleAt()),
              Integer.toString(image.behind()),
              rebuild == null ? null : rebuild.rebuildId(),
              rebuild == null ? null : time(rebuild.requestedAt()),
              rebuild == null ? null : rebuild.trigger(),
              rebuild == null ? null : rebuild.outcome(),
              rebuild == null ? null : rebuild.runUrl(),
              rebuild == null ? null : time(rebuild.completedAt()),
              null,
              null));
    }
    if (report.hasAudit()) {
      for (AuditRow a : report.audit()) {
        List<String> row = new ArrayList<>(Collections.nCopies(COLUMNS.size(), null));
        row.set(0, "rebuild");
        row.set(1, a.image());
        row.set(12, a.rebuildId());
        row.set(13, time(a.requestedAt()));
        row.set(14, a.trigger());
        row.set(15, a.outcome());
        row.set(16, a.runUrl());
        row.set(17, time(a.completedAt()));
        row.set(18, a.commit());
        row.set(19, ReportCells.steps(a.steps()));
        line(csv, row);
      }
    }
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> fields) {
    csv.append(fields.stream().map(CsvReport::field).collect(Collectors.joining(",")))
        .append("\r\n");
  }

  /** One field, quoted when RFC 4180 needs it; null is empty. */
  static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    int first = value.codePointAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@') {
      text.append('\'');
    }
    value
        .codePoints()
        .forEach(
            c -> {
              if (HumanText.isUnprintable(c)) {
                text.append(HumanText.escape(c));
              } else {
                text.appendCodePoint(c);
              }
            });
    String plain = text.toString();
    if (plain.indexOf(',') < 0 && plain.indexOf('"') < 0) {
      return plain;
    }
    return '"' + plain.replace("\"", "\"\"") + '"';
  }

  private static String time(Instant at) {
    return at == null ? null : ReportCells.time(at);
  }

  private static String number(Long n) {
    return n == null ? null : Long.toString(n);
  }
}
