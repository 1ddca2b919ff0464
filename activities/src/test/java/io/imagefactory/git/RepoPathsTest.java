package io.imagefactory.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RepoPathsTest {

  @ParameterizedTest
  @CsvSource({
    "Dockerfile,                 Dockerfile",
    "./Dockerfile,               Dockerfile",
    "apps/web/Dockerfile,        apps/web/Dockerfile",
    "images/backstage.yaml,      images/backstage.yaml",
    "a/.gitignore,               a/.gitignore",
    "a/..b/c,                    a/..b/c"
  })
  void acceptsPathsInsideTheRepository(String path, String normalized) {
    assertThat(RepoPaths.normalize(path)).isEqualTo(normalized);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "../x                  | leaves the repository",
        "a/../../x             | leaves the repository",
        "a/..                  | leaves the repository",
        "/etc/passwd           | absolute",
        "C:/Windows            | absolute",
        "a\\b                  | use '/' as separator",
        ".git/config           | points into '.git'",
        "sub/.Git/HEAD         | points into '.git'",
        "a//b                  | empty or '.' component",
        "a/./b                 | empty or '.' component",
        "images/               | names a directory",
        "''                    | empty"
      })
  void refusesPathsThatLeaveTheRepository(String path, String reason) {
    assertThatThrownBy(() -> RepoPaths.normalize(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "line\nbreak", "tab\there"})
  void refusesControlCharacters(String path) {
    assertThatThrownBy(() -> RepoPaths.normalize(path)).hasMessageContaining("control character");
  }
}
