package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanTextTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "PT167H, 6d 23h",
    "P1D, 1d 0h",
    "PT4H5M, 4h 5m",
    "PT1H, 1h 0m",
    "PT12M30S, 12m",
    "PT30S, 30s",
    "PT0.9S, 0s",
    "-PT5M, 0s"
  })
  void writesDurationsInTwoUnitsAtMost(Duration duration, String text) {
    assertThat(HumanText.duration(duration)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "sha256:0000000000000000000000000000000000000000000000000000000000000abc, sha256:000000000000",
    "sha256:0123456789abcdef0123, sha256:0123456789ab",
    "sha512:0123456789abcdef0123, sha512:0123456789ab",
    "sha256:0123456789ab, sha256:0123456789ab",
    "sha256:ab, sha256:ab"
  })
  void shortensDigestsToTwelveHexDigits(String digest, String text) {
    assertThat(HumanText.shortDigest(digest)).isEqualTo(text);
  }

  @Test
  void saysUnknownForNoDigest() {
    assertThat(HumanText.shortDigest(null)).isEqualTo("unknown");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a short value          | api          | 10 | api
          a value at the limit   | 0123456789   | 10 | 0123456789
          a value over the limit | 0123456789ab | 10 | 0123456789...
          """)
  void cutsLongValues(String description, String value, int maxShown, String shown) {
    assertThat(HumanText.printable(value, maxShown)).isEqualTo(shown);
  }

  @Test
  void writesControlCharactersAsEscapes() {
    assertThat(HumanText.printable("web\nFORGED: line\u001b[31m", 60))
        .isEqualTo("web\\u000aFORGED: line\\u001b[31m");
  }

  @Test
  void writesInvisibleAndReorderingCharactersAsEscapes() {
    assertThat(HumanText.printable("a\u202eb\u200bc\u2028d\ufeffe\ud800", 60))
        .isEqualTo("a\\u202eb\\u200bc\\u2028d\\ufeffe\\ud800");
  }

  @Test
  void leavesLettersOfEveryScriptAlone() {
    assertThat(HumanText.printable("\u0430pi \uff41 caf\u00e9 \ud83d\ude00", 60))
        .isEqualTo("\u0430pi \uff41 caf\u00e9 \ud83d\ude00");
  }
}
