package io.imagefactory.worker.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedWebhookTokenTest {

  @TempDir Path dir;

  @Test
  void writesARandomTokenOnlyItsOwnerCanRead() throws IOException {
    Path file = dir.resolve("data/webhook-token");

    assertThat(GeneratedWebhookToken.ensure(file)).isTrue();

    String token = Files.readString(file).strip();
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void keepsTheTokenAcrossRestarts() throws IOException {
    Path file = dir.resolve("webhook-token");
    GeneratedWebhookToken.ensure(file);
    String first = Files.readString(file);

    assertThat(GeneratedWebhookToken.ensure(file)).isFalse();
    assertThat(Files.readString(file)).isEqualTo(first);
  }

  @Test
  void twoDataDirectoriesGetDifferentTokens() throws IOException {
    GeneratedWebhookToken.ensure(dir.resolve("a/webhook-token"));
    GeneratedWebhookToken.ensure(dir.resolve("b/webhook-token"));

    assertThat(Files.readString(dir.resolve("a/webhook-token")))
        .isNotEqualTo(Files.readString(dir.resolve("b/webhook-token")));
  }
}
