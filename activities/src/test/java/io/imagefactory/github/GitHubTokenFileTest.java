package io.imagefactory.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubTokenFileTest {

  @TempDir Path dir;

  @Test
  void readsTheTrimmedTokenAtEveryUseSoARotatedSecretIsPickedUp() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "  ghp_first\n");
    GitHubTokenFile credentials = new GitHubTokenFile(file);
    assertThat(credentials.tokenFor("acme/api")).isEqualTo("ghp_first");

    Files.writeString(file, "ghp_second\n");

    assertThat(credentials.tokenFor("acme/api")).isEqualTo("ghp_second");
  }

  @Test
  void aMissingFileIsUnavailableAndNamed() {
    Path missing = dir.resolve("absent");

    CiException e =
        catchThrowableOfType(
            CiException.class, () -> new GitHubTokenFile(missing).tokenFor("acme/api"));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.getMessage())
        .isEqualTo("cannot read the GitHub token file " + missing + ": NoSuchFileException");
  }

  @Test
  void anEmptyFileIsUnavailableAndNamed() throws IOException {
    Path empty = Files.writeString(dir.resolve("token"), "\n");

    CiException e =
        catchThrowableOfType(
            CiException.class, () -> new GitHubTokenFile(empty).tokenFor("acme/api"));

    assertThat(e.getMessage()).isEqualTo("the GitHub token file " + empty + " is empty");
  }
}
