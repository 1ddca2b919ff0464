package io.imagefactory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UiSummariesTest {

  @Test
  void aSummaryIsOneLineWithinTemporalsLimit() {
    String line = UiSummaries.line("first\nsecond " + "€".repeat(500));

    assertThat(line).startsWith("first second €").doesNotContain("\n");
    assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(400);
  }

  @Test
  void aCloneUrlLosesItsCredentials() {
    assertThat(UiSummaries.withoutUserInfo("https://x-access-token:ghp_abc@github.com/org/a.git"))
        .isEqualTo("https://github.com/org/a.git");
    assertThat(UiSummaries.withoutUserInfo("https://github.com/org/a@v1"))
        .isEqualTo("https://github.com/org/a@v1");
    assertThat(UiSummaries.withoutUserInfo("org/a")).isEqualTo("org/a");
    assertThat(UiSummaries.shortCommit("0123456789abcdef0123")).isEqualTo("0123456789ab");
  }
}
