package io.imagefactory.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFactsTest {

  private static final Instant NOW = Instant.parse("2025-03-01T00:00:00Z");

  @ParameterizedTest(name = "built {0}, behind {1}: stale {2}")
  @CsvSource({
    "2025-01-15T00:00:00Z, true, true",
    "2025-01-15T00:00:00Z, false, false",
    "2025-02-15T00:00:00Z, true, false",
    // Exactly the stale age is not yet longer than it.
    "2025-01-30T00:00:00Z, true, false",
  })
  void staleMeansBuiltLongerAgoThanTheAgeWhileANewerBaseDigestWaits(
      Instant builtAt, boolean behind, boolean stale) {
    ImageFacts facts = new ImageFacts(ImageFacts.MANAGED, ImageFacts.WAITING, builtAt, behind);

    assertThat(facts.staleAt(NOW, Duration.ofDays(30))).isEqualTo(stale);
  }
}
