package io.imagefactory.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.worker.config.SecretFile;
import io.imagefactory.worker.config.WebhookProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class WebhookTokenTest {

  @TempDir Path dir;

  private static WebhookProperties file(Path path) {
    return new WebhookProperties(new SecretFile(path), null, DataSize.ofKilobytes(64));
  }

  @Test
  void aRotatedTokenFileAppliesAtTheNextCheck() throws Exception {
    Path path = dir.resolve("token");
    Files.writeString(path, "first-token\n");
    WebhookToken token = WebhookToken.of(file(path));
    assertThat(token.matches("first-token")).isTrue();

    Files.writeString(path, "second-token\n");

    assertThat(token.matches("first-token")).isFalse();
    assertThat(token.matches("second-token")).isTrue();
  }

  @Test
  void theFileWinsOverAConfiguredValue() throws Exception {
    Path path = dir.resolve("token");
    Files.writeString(path, "from-file");
    WebhookToken token =
        WebhookToken.of(
            new WebhookProperties(new SecretFile(path), "from-value", DataSize.ofKilobytes(64)));

    assertThat(token.matches("from-file")).isTrue();
    assertThat(token.matches("from-value")).isFalse();
  }

  @Test
  void anEmptyTokenFileMatchesNothing() throws Exception {
    Path path = dir.resolve("token");
    Files.writeString(path, "\n");

    assertThat(WebhookToken.of(file(path)).matches("")).isFalse();
  }

  @Test
  void noTokenConfiguredIsAStartupErrorNamingTheSetting() {
    assertThatThrownBy(
            () -> WebhookToken.of(new WebhookProperties(null, " ", DataSize.ofKilobytes(64))))
        .hasMessageContaining("image-factory.webhook.token-file")
        .hasMessageContaining("IMAGE_FACTORY_WEBHOOK_TOKEN_FILE");
  }

  @Test
  void itsDescriptionNeverShowsTheToken() throws Exception {
    Path path = dir.resolve("token");
    Files.writeString(path, "very-secret");
    WebhookProperties fromValue =
        new WebhookProperties(null, "very-secret", DataSize.ofKilobytes(64));

    assertThat(WebhookToken.of(file(path)).toString())
        .contains(path.toString())
        .doesNotContain("very-secret");
    assertThat(WebhookToken.of(fromValue).toString()).doesNotContain("very-secret");
    assertThat(fromValue.toString()).doesNotContain("very-secret");
  }
}
