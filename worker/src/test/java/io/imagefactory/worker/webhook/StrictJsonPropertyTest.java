package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.fuzz.FuzzRuns;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Properties of the webhook's body parser on generated bodies (JSON tokens around Kargo's fields):
 * it returns an event or refuses the body with a 400 or 415 {@link ApiProblem} naming the field,
 * never anything else, never hangs, and echoes no unprintable character. A short seeded slice runs
 * in the suite; see {@link FuzzRuns} to run it longer.
 */
class StrictJsonPropertyTest {

  private static final List<String> TOKENS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"",
          "\"repoURL\"",
          "\"tag\"",
          "\"digest\"",
          "\"warehouse\"",
          "\"freight\"",
          "\"docker.io/library/nginx\"",
          "\"1.27\"",
          "\"sha256:" + "a".repeat(64) + "\"",
          "127",
          "-1e999",
          "true",
          "null",
          "\\u0000",
          "\\u001b",
          "\\ud800",
          "\\\"",
          "\\",
          " ",
          "\n",
          "\u001b",
          "\u0000",
          "\"\u202e\"");

  @Test
  void readsGeneratedBodiesOrRefusesThemClearly() {
    FuzzRuns.check(
        "reading a generated webhook body",
        random -> FuzzRuns.tokens(random, TOKENS, 60).getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(10),
        StrictJsonPropertyTest::readOrRefuse);
  }

  @Test
  void refusesAnotherContentTypeWithoutEchoingItRaw() {
    FuzzRuns.check(
        "reading a body of a generated content type",
        random -> FuzzRuns.tokens(random, List.of("text/plain", ";", "\u001b[2J", "\t", "x"), 8),
        Duration.ofSeconds(10),
        contentType -> {
          try {
            StrictJson.read(contentType, "{}".getBytes(StandardCharsets.UTF_8), ImageEvent.class);
          } catch (ApiProblem e) {
            FuzzRuns.assertPrintable(String.valueOf(e.getBody().getDetail()));
          }
        });
  }

  private static void readOrRefuse(byte[] body) {
    try {
      StrictJson.read("application/json", body, ImageEvent.class);
    } catch (ApiProblem e) {
      assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      String detail = String.valueOf(e.getBody().getDetail());
      FuzzRuns.assertPrintable(detail);
      FuzzRuns.assertPrintable(String.valueOf(e.getBody().getProperties()));
      assertThat(detail.length()).isLessThan(1_000);
    }
  }
}
