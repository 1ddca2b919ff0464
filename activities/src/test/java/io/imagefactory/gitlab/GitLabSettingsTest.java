package io.imagefactory.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitLabSettingsTest {

  static final Path TOKEN = Path.of("/var/run/secrets/gitlab/token");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "https://gitlab.example.com, https://gitlab.example.com/api/v4/projects",
    "https://gitlab.example.com/, https://gitlab.example.com/api/v4/projects",
    "https://gitlab.example.com/api/v4/, https://gitlab.example.com/api/v4/projects",
    "https://example.com/gitlab, https://example.com/gitlab/api/v4/projects",
    "http://127.0.0.1:8080, http://127.0.0.1:8080/api/v4/projects"
  })
  void addsTheApiRootToTheInstanceOnce(String baseUrl, String projects) {
    GitLabSettings settings = new GitLabSettings(URI.create(baseUrl), TOKEN);

    assertThat(settings.api("/projects")).hasToString(projects);
    assertThat(settings.neverStartedAfter()).isEqualTo(GitLabSettings.DEFAULT_NEVER_STARTED_AFTER);
    assertThat(settings.requestTimeout()).isEqualTo(GitLabSettings.DEFAULT_REQUEST_TIMEOUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gitlab.example.com", "ftp://gitlab.example.com", "file:///tmp/x"})
  void refusesWhatIsNotAnHttpUrl(String baseUrl) {
    assertThatThrownBy(() -> new GitLabSettings(URI.create(baseUrl), TOKEN))
        .hasMessage(
            "GitLab base URL must be an http(s) URL with a host, such as"
                + " https://gitlab.example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://oauth2:glpat-secret@gitlab.example.com",
        "https://gitlab.example.com?private_token=glpat-secret"
      })
  void refusesABaseUrlThatCarriesACredential(String baseUrl) {
    assertThatThrownBy(() -> new GitLabSettings(URI.create(baseUrl), TOKEN))
        .hasMessageNotContaining("glpat-secret")
        .hasMessageContaining("put the token in the token file");
  }
}
