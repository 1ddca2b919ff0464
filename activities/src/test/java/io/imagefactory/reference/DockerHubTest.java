package io.imagefactory.reference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerHubTest {

  /** The union of the aliases the parser and the planner each knew before they shared one set. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io",
        "index.docker.io",
        "registry-1.docker.io",
        "registry.hub.docker.com",
        "Index.Docker.IO"
      })
  void everyAliasMeansDockerHubToParserAndPlanner(String alias) throws Exception {
    assertThat(DockerHub.is(alias)).isTrue();
    ImageReference parsed = new ImageReferenceParser().parse(alias + "/node:22");
    assertThat(parsed.registry()).isEqualTo("docker.io");
    assertThat(parsed.repository()).isEqualTo("library/node");
    assertThat(ImageRefs.repoKey(alias, "node")).isEqualTo("docker.io/library/node");
    assertThat(ImageRefs.repoKey(alias, "bitnami/redis")).isEqualTo("docker.io/bitnami/redis");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ghcr.io", "docker.io.example.com", "localhost:5000", "quay.io"})
  void otherHostsStayAsWritten(String host) throws Exception {
    assertThat(DockerHub.is(host)).isFalse();
    assertThat(DockerHub.canonical(host)).isEqualTo(host);
    assertThat(new ImageReferenceParser().parse(host + "/team/app:1").registry()).isEqualTo(host);
    assertThat(ImageRefs.repoKey(host, "team/app")).isEqualTo(host + "/team/app");
  }

  @ParameterizedTest
  @CsvSource({
    "library/node, node, true",
    "bitnami/redis, bitnami/redis, false",
    "node, node, false"
  })
  void officialImagesDropTheLibraryNamespaceWhereTheyAreShown(
      String repository, String familiar, boolean official) {
    assertThat(DockerHub.familiar(repository)).isEqualTo(familiar);
    assertThat(DockerHub.isOfficial(repository)).isEqualTo(official);
    assertThat(ImageRefs.familiar("docker.io", repository, "1", null)).isEqualTo(familiar + ":1");
  }
}
