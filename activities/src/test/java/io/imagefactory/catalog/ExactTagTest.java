package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExactTagTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "^1\\.17$, 1.17",
    "^1.17$, 1.17",
    "1.17, 1.17",
    "^22-bookworm-slim$, 22-bookworm-slim",
    "^3\\.12\\-slim$, 3.12-slim",
    "^latest$, latest",
    "nightly_2024, nightly_2024"
  })
  void namesTheOneTagOfAnAnchoredLiteral(String allowTags, String tag) {
    assertThat(ExactTag.of(allowTags)).contains(tag);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "^1[0-9]$",
        "^(1.17)$",
        "^1\\.17|1\\.18$",
        "^1\\d$",
        "^1.17+$",
        "^$",
        "^1\\$",
        "^.17$",
        "^1\\.17\\$",
        "^v1.*$",
        ""
      })
  void namesNoTagForARegexOfManyOrNone(String allowTags) {
    assertThat(ExactTag.of(allowTags)).isEmpty();
  }
}
