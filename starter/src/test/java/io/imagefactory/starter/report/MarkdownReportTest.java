package io.imagefactory.starter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void aValueCannotOpenACellALinkOrATag() {
    assertThat(MarkdownReport.escape("a|b [x](javascript:y) <img src=x> `c` *d*"))
        .isEqualTo("a\\|b \\[x\\](javascript:y) \\<img src=x\\> \\`c\\` \\*d\\*");
  }

  @Test
  void hostileStateStaysInItsCell() {
    String md = new MarkdownReport().render(HtmlReportTest.report("x|y", "https://x/1|<b>"));

    assertThat(md).contains("| x\\|y | managed | failed |").contains("https://x/1\\|\\<b\\>");
    assertThat(md).doesNotContain("<b>");
  }
}
