package io.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteUrlTest {

  @ParameterizedTest
  @CsvSource({
    "https://github.com/acme/state.git,     https://github.com/acme/state.git,    HTTPS,         github.com",
    "https://GitHub.com/acme/state/,        https://github.com/acme/state,        HTTPS,         github.com",
    "https://ghe.example.com:8443/a/b.git,  https://ghe.example.com:8443/a/b.git, HTTPS,         ghe.example.com:8443",
    "http://127.0.0.1:8080/git/state.git,   http://127.0.0.1:8080/git/state.git,  HTTP_LOOPBACK, 127.0.0.1:8080",
    "file:///srv/git/state.git,             file:///srv/git/state.git,            LOCAL,",
    "/srv/git/state.git,                    /srv/git/state.git,                   LOCAL,"
  })
  void acceptsSupportedRemotes(String remote, String url, RemoteUrl.Kind kind, String host) {
    RemoteUrl parsed = RemoteUrl.parse(remote);

    assertThat(parsed.url()).isEqualTo(url);
    assertThat(parsed.kind()).isEqualTo(kind);
    assertThat(parsed.host()).isEqualTo(host);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://x-access-token:ghp_secret@github.com/a/b.git | contains credentials",
        "https://ghp_secret@github.com/a/b.git                | contains credentials",
        "http://github.com/a/b.git                            | plain http to a non-loopback host",
        "ssh://git@github.com/a/b.git                         | SSH",
        "git@github.com:a/b.git                               | SSH",
        "https://github.com                                   | names no repository path",
        "https://github.com/a/b.git?x=1                       | query",
        "relative/path                                        | neither",
        "ftp://example.com/a.git                              | neither"
      })
  void refusesOtherRemotesWithoutEchoingCredentials(String remote, String reason) {
    assertThatThrownBy(() -> RemoteUrl.parse(remote))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_secret"));
  }
}
