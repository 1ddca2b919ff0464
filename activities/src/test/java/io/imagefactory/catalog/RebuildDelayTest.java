package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebuildDelayTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "90m, PT1H30M",
    "1m, PT1M",
    "12h, PT12H",
    "7d, PT168H",
    "2w, PT336H",
    "365d, PT8760H",
    "52w, PT8736H",
    "P7D, PT168H",
    "PT12H, PT12H",
    "P1DT2H, PT26H",
    "P2W, PT336H",
    "p3d, PT72H",
    "' 7d ', PT168H"
  })
  void parsesShortAndIsoForms(String text, String expected) {
    assertThat(RebuildDelay.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "7 days | \"7 days\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "7 | \"7\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "7D | \"7D\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "30s | \"30s\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "P1M | \"P1M\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "d | \"d\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "-7d | \"-7d\" is not a duration (use 90m, 12h, 7d, 2w or ISO-8601 like P7D)",
        "0d | \"0d\" must be positive",
        "PT0S | \"PT0S\" must be positive",
        "-P1D | \"-P1D\" must be positive",
        "366d | \"366d\" is longer than 365 days",
        "53w | \"53w\" is longer than 365 days",
        "P400D | \"P400D\" is longer than 365 days"
      })
  void rejectsWithAMessageThatSaysWhatIsAccepted(String text, String message) {
    assertThatThrownBy(() -> RebuildDelay.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsEmptyTextAndShowsControlCharacters() {
    assertThatThrownBy(() -> RebuildDelay.parse(""))
        .hasMessageStartingWith("\"\" is not a duration");
    assertThatThrownBy(() -> RebuildDelay.parse("7d\u0007x"))
        .hasMessageStartingWith("\"7d\\u0007x\" is not a duration");
  }
}
