package io.imagefactory.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaggedRepositoryTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "localhost:5000/app:1.2,                   localhost:5000/app,              1.2",
    "docker.io/library/node:22-bookworm-slim,  docker.io/library/node,          22-bookworm-slim",
    "nginx:1.27,                               nginx,                           1.27",
    "registry.example.com:8443/a/b/c:v1_rc1,   registry.example.com:8443/a/b/c, v1_rc1",
  })
  void keepsTheRepositoryAsWrittenAndSplitsAtTheLastColon(String text, String repoURL, String tag)
      throws InvalidImageReferenceException {
    TaggedRepository parsed = TaggedRepository.parse(text);

    assertThat(parsed.repoURL()).isEqualTo(repoURL);
    assertThat(parsed.tag()).isEqualTo(tag);
    assertThat(parsed).hasToString(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "docker.io/library/node,       has no tag",
    "localhost:5000/app,           has no tag",
    "ghcr.io/x/api:,               has no tag",
    "https://ghcr.io/x/api:1,      no scheme",
    "ghcr.io/Example/api:1,        is not an image repository",
    "ghcr.io/x..y/api:1,           is not an image repository",
    "ghcr.io/x/api:1:2,            is not an image repository",
    "ghcr.io/x/api:-1,             is not a valid image tag",
  })
  void saysWhatIsWrong(String text, String message) {
    assertThatThrownBy(() -> TaggedRepository.parse(text))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining(message);
  }
}
