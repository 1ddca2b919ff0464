package io.imagefactory.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferencesTest {

  @ParameterizedTest
  @CsvSource({
    "docker.io/library/node, true",
    "ghcr.io/example-org/api, true",
    "registry.example.com:5000/team/app, true",
    "localhost/app, true",
    "localhost:5000/app, true",
    "registry:5000/app, true",
    "10.0.0.7:5000/a/b/c, true",
    "gcr.io/distroless/python3-debian12, true",
    "quay.io/a__b/c.d-e, true",
    "node, false",
    "library/node, false",
    "registry/app, false",
    "https://docker.io/library/node, false",
    "docker.io/library/node:22, false",
    "docker.io/library/node@sha256:00, false",
    "docker.io/Library/Node, false",
    "docker.io/library/node/, false",
    "docker.io//node, false",
    "'docker.io/library/node ', false",
    "docker.io/-node, false",
  })
  void repoUrlsAreRegistryAndRepository(String repoURL, boolean valid) {
    assertThat(ImageReferences.checkRepoUrl(repoURL).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "latest, true",
    "22-bookworm-slim, true",
    "v1.4.0_rc.1, true",
    "_x, true",
    "-x, false",
    ".x, false",
    "a:b, false",
    "a/b, false",
  })
  void tagsFollowTheDistributionGrammar(String tag, boolean valid) {
    assertThat(ImageReferences.checkTag(tag).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "api, true",
    "node-22-bookworm-slim, true",
    "a, true",
    "Api, false",
    "-api, false",
    "api-, false",
    "a.b, false",
    "../etc, false",
    "a/b, false",
  })
  void imageNamesAreDnsLabels(String name, boolean valid) {
    assertThat(ImageReferences.checkImageName(name).isEmpty()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"64, true", "63, false", "65, false"})
  void digestsAreSha256WithSixtyFourHexDigits(int length, boolean valid) {
    assertThat(ImageReferences.checkDigest("sha256:" + "a".repeat(length)).isEmpty())
        .isEqualTo(valid);
  }

  @Test
  void lengthsAreBounded() {
    assertThat(ImageReferences.checkTag("a".repeat(128))).isEmpty();
    assertThat(ImageReferences.checkTag("a".repeat(129))).isPresent();
    assertThat(ImageReferences.checkImageName("a".repeat(63))).isEmpty();
    assertThat(ImageReferences.checkImageName("a".repeat(64))).isPresent();
    assertThat(ImageReferences.checkRepoUrl("docker.io/" + "a".repeat(246))).isPresent();
  }
}
