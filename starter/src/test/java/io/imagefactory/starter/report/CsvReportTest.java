package io.imagefactory.starter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReportTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "plain|plain",
        "a,b|\"a,b\"",
        "say \"hi\"|\"say \"\"hi\"\"\"",
        "=HYPERLINK(\"x\")|\"'=HYPERLINK(\"\"x\"\")\"",
        "+1|'+1",
        "@SUM(A1)|'@SUM(A1)"
      })
  void quotesAsRfc4180AndDisarmsFormulas(String value, String field) {
    assertThat(CsvReport.field(value)).isEqualTo(field);
  }

  @Test
  void aLineBreakIsWrittenAsText() {
    assertThat(CsvReport.field("line\nbreak")).isEqualTo("line\\u000abreak");
  }

  @Test
  void everyLineHasEveryColumnAndEndsWithCrlf() {
    String csv = new CsvReport().render(HtmlReportTest.report("a,\"b\"", "https://x/1"));

    assertThat(csv).endsWith("\r\n");
    String[] lines = csv.split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0].split(",", -1)).hasSize(CsvReport.COLUMNS.size());
    assertThat(lines[1]).startsWith("image,\"a,\"\"b\"\"\",managed,");
    assertThat(lines[2]).startsWith("rebuild,\"a,\"\"b\"\"\",");
  }
}
