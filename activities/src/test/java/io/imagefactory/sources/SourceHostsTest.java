package io.imagefactory.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.git.GitCredentials;
import io.imagefactory.git.RemoteUrl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceHostsTest {

  private static final SourceHosts HOSTS = SourceHosts.github().withAllowedHost("ghe.example.com");

  @ParameterizedTest
  @CsvSource({
    "acme/backstage,                               https://github.com/acme/backstage.git",
    "acme/backstage.git,                           https://github.com/acme/backstage.git",
    "Acme-Org/my_app.v2,                           https://github.com/Acme-Org/my_app.v2.git",
    "https://github.com/acme/backstage.git,        https://github.com/acme/backstage.git",
    "https://ghe.example.com:8443/team/app.git,    https://ghe.example.com:8443/team/app.git"
  })
  void expandsShorthandAndAcceptsAllowedHosts(String repo, String url) {
    assertThat(HOSTS.resolve(repo).url()).isEqualTo(url);
  }

  @Test
  void expandsShorthandOnAConfiguredEnterpriseHost() {
    SourceHosts enterprise =
        new SourceHosts(List.of("ghe.example.com"), "ghe.example.com", false, Map.of());

    assertThat(enterprise.resolve("team/app").url())
        .isEqualTo("https://ghe.example.com/team/app.git");
    assertThatThrownBy(() -> enterprise.resolve("https://github.com/team/app.git"))
        .hasMessageContaining("github.com, which is not an allowed source host");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://gitlab.com/team/app.git       | not an allowed source host",
        "https://github.com.evil.io/a/b.git    | not an allowed source host",
        "../etc/passwd                         | neither",
        "./x                                   | not a valid owner/name",
        "../x                                  | not a valid owner/name",
        "acme/..                               | not a valid owner/name",
        "file:///srv/app.git                   | local source repositories are not enabled",
        "/srv/app.git                          | local source repositories are not enabled",
        "'   '                                 | empty"
      })
  void refusesEverythingElseWithAReason(String repo, String reason) {
    assertThatThrownBy(() -> HOSTS.resolve(repo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void allowsLocalRepositoriesOnlyWhenEnabled() {
    assertThat(HOSTS.withLocalRepositories().resolve("/srv/app.git").local()).isTrue();
  }

  @Test
  void findsCredentialsByHostWithOrWithoutPort() {
    GitCredentials token = GitCredentials.fromFile(Path.of("/run/secrets/ghe-token"));
    SourceHosts hosts = HOSTS.withCredentials("GHE.example.com", token);

    assertThat(hosts.credentialsFor(RemoteUrl.parse("https://ghe.example.com:8443/a/b.git")))
        .isEqualTo(token);
    assertThat(hosts.credentialsFor(RemoteUrl.parse("https://github.com/a/b.git"))).isNull();
    assertThat(hosts.credentialsFor(RemoteUrl.parse("/srv/app.git"))).isNull();
  }
}
