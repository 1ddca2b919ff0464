package io.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCredentialsTest {

  @TempDir Path tmp;

  @Test
  void readsTheTokenFromTheEnvironmentAtUseTime() throws Exception {
    CredentialsProvider provider =
        GitCredentials.fromEnv("GH_TOKEN")
            .provider(Map.of("GH_TOKEN", "tok-1\n")::get, "https://github.com/a/b");

    CredentialItem.Username user = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();
    assertThat(provider.get(new URIish("https://github.com/a/b.git"), user, password)).isTrue();
    assertThat(user.getValue()).isEqualTo("x-access-token");
    assertThat(new String(password.getValue())).isEqualTo("tok-1");
  }

  @Test
  void readsARotatedSecretFileEachTime() throws Exception {
    Path file = Files.writeString(tmp.resolve("token"), "first\n");
    GitCredentials credentials = GitCredentials.fromFile(file).withUsername("oauth2");
    credentials.provider(n -> null, "https://github.com/a/b");
    Files.writeString(file, "second");

    CredentialItem.Username user = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();
    credentials
        .provider(n -> null, "https://github.com/a/b")
        .get(new URIish("https://gitlab.com/a/b.git"), user, password);

    assertThat(user.getValue()).isEqualTo("oauth2");
    assertThat(new String(password.getValue())).isEqualTo("second");
  }

  @Test
  void failsNamingTheSourceButNeverTheValue() {
    assertThatThrownBy(
            () -> GitCredentials.fromEnv("GH_TOKEN").provider(n -> null, "https://github.com/a/b"))
        .hasMessage("token environment variable GH_TOKEN is not set");
    assertThatThrownBy(
            () ->
                GitCredentials.fromFile(tmp.resolve("absent"))
                    .provider(n -> null, "https://github.com/a/b"))
        .hasMessageContaining("cannot read token file")
        .hasMessageContaining("absent");
    assertThat(GitCredentials.fromEnv("GH_TOKEN").toString()).contains("GH_TOKEN");
  }

  @Test
  void aTokenSourceIsAskedForTheRemoteAtConnectionTime() throws Exception {
    List<String> asked = new ArrayList<>();
    GitCredentials app =
        GitCredentials.fromSource(
            "x-access-token",
            url -> {
              asked.add(url);
              return "ghs_minted";
            });

    CredentialItem.Password password = new CredentialItem.Password();
    app.provider(n -> null, "https://github.com/acme/api.git")
        .get(
            new URIish("https://github.com/acme/api.git"), new CredentialItem.Username(), password);

    assertThat(asked).containsExactly("https://github.com/acme/api.git");
    assertThat(new String(password.getValue())).isEqualTo("ghs_minted");
    assertThat(app.toString()).doesNotContain("ghs_minted");
  }

  @Test
  void needsExactlyOneSource() {
    assertThatThrownBy(() -> new GitCredentials(null, "A", tmp))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GitCredentials(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
