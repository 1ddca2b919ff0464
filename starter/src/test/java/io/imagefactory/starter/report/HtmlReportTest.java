package io.imagefactory.starter.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.RebuildEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

  @Test
  void escapesEveryValueAndLinksOnlyWebUrls() {
    String html =
        new HtmlReport().render(report("<script>alert(1)</script>", "javascript:alert(1)"));

    assertThat(html).doesNotContain("<script").doesNotContain("href=\"javascript");
    assertThat(html).contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    assertThat(html).contains("<td>javascript:alert(1)</td>");
  }

  @Test
  void aWebUrlIsALinkWithItsAttributeEscaped() {
    String html = new HtmlReport().render(report("api", "https://ci.example.com/runs/1?a=1&b='x'"));

    assertThat(html)
        .contains(
            "<a href=\"https://ci.example.com/runs/1?a=1&amp;b=&#39;x&#39;\" rel=\"noopener"
                + " noreferrer\">");
  }

  @Test
  void controlCharactersBecomeVisibleText() {
    assertThat(HtmlReport.escape("a\u001b[31mb\u202ec")).isEqualTo("a\\u001b[31mb\\u202ec");
  }

  static ComplianceReport report(String name, String runUrl) {
    RebuildEntry rebuild =
        new RebuildEntry(
            name + "#1",
            NOW,
            "timer",
            Map.of(),
            List.of(),
            false,
            List.of(),
            null,
            "failed",
            null,
            runUrl,
            null,
            NOW,
            null,
            List.of());
    ImageRow row =
        new ImageRow(
            name,
            "managed",
            "failed",
            List.of(new BaseRow("<b>node</b>", null, false)),
            null,
            null,
            null,
            null,
            rebuild,
            false,
            null,
            0,
            false);
    AuditRow audit =
        new AuditRow(
            name, name + "#1", NOW, "timer", "<i>failed</i>", runUrl, NOW, "0123", List.of());
    ReportSummary summary = new ReportSummary(Map.of(), 0, 1, Map.of("<i>failed</i>", 1), 1);
    return new ComplianceReport(
        "test",
        new ReportPeriod(NOW, null, Duration.ofDays(30)),
        summary,
        List.of(row),
        List.of(audit),
        List.of("images/<x>.yaml: bad"));
  }
}
