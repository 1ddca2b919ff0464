package io.imagefactory.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class TextFormatsTest {

  private static final Instant NOW = Instant.parse("2025-01-08T10:00:00Z");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2025-01-15T09:00:00Z, in 6d 23h",
    "2025-01-08T14:05:00Z, in 4h 5m",
    "2025-01-08T10:12:00Z, in 12m",
    "2025-01-08T10:00:30Z, in 30s",
    "2025-01-08T10:00:00Z, now",
    "2025-01-08T07:55:00Z, 2h 5m ago",
  })
  void saysHowFarATimeIs(Instant at, String text) {
    assertThat(TextFormats.relative(at, NOW)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PT168H, 7d", "PT12H, 12h", "PT90M, 90m", "PT45S, 45s", "PT36H, 36h"})
  void writesDelaysAsImagesYamlDoes(Duration delay, String text) {
    assertThat(TextFormats.delay(delay)).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"30s, PT30S", "10m, PT10M", "2h, PT2H", "1d, PT24H", "1w, PT168H", "PT5M, PT5M"})
  void readsDurationOptions(String text, Duration duration) {
    assertThat(new TextFormats.DurationConverter().convert(text)).isEqualTo(duration);
  }

  @Test
  void refusesAnUnreadableDuration() {
    assertThatThrownBy(() -> new TextFormats.DurationConverter().convert("soon"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'soon' is not a duration");
  }

  @Test
  void writesInstantsToTheSecond() {
    assertThat(TextFormats.instant(Instant.parse("2025-01-08T10:00:00.786Z")))
        .isEqualTo("2025-01-08T10:00:00Z");
    assertThat(TextFormats.instant(null)).isEqualTo("-");
  }
}
