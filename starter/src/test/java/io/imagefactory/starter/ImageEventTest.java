package io.imagefactory.starter;

import static io.imagefactory.starter.Images.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageEventTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "localhost:5000/app:1.2,                 localhost:5000/app,              1.2",
    "localhost:5000/team/app:latest,         localhost:5000/team/app,         latest",
    "docker.io/library/node:22-bookworm-slim, docker.io/library/node,         22-bookworm-slim",
    "registry.example.com:8443/a/b/c:v1.0.0_rc1, registry.example.com:8443/a/b/c, v1.0.0_rc1",
    "gcr.io/distroless/static-debian12:nonroot, gcr.io/distroless/static-debian12, nonroot",
    "nginx:1.27,                             nginx,                           1.27",
  })
  void splitsTheTagAtTheLastColonAfterTheLastSlash(String reference, String repoURL, String tag) {
    ImageEvent event = ImageEvent.of(reference, digest(1), null, " ");

    assertThat(event.repoURL()).isEqualTo(repoURL);
    assertThat(event.tag()).isEqualTo(tag);
    assertThat(event.freight()).isNull();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "localhost:5000/app,      "
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, has no tag",
    "ghcr.io/example/api,     "
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, has no tag",
    "ghcr.io/example/api:,    "
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, has no tag",
    "https://ghcr.io/x/api:1, "
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, is not an"
        + " image repository",
    "ghcr.io/Example/api:1,   "
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, is not an"
        + " image repository",
    "ghcr.io/example/api:1@sha256:00,"
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, give the"
        + " digest with --digest",
    "ghcr.io/example/api:-bad,"
        + " sha256:0000000000000000000000000000000000000000000000000000000000000001, is not a valid"
        + " image tag",
    "ghcr.io/example/api:1,   "
        + " sha256:ABCDEF0000000000000000000000000000000000000000000000000000000001, is not a"
        + " digest",
    "ghcr.io/example/api:1,    md5:0123456789abcdef0123456789abcdef, is not a digest",
    "ghcr.io/example/api:1,    0000000000000000000000000000000000000000000000000000000000000001, is"
        + " not a digest",
  })
  void refusesWhatKargoWouldNeverSend(String reference, String digest, String message) {
    assertThatThrownBy(() -> ImageEvent.of(reference, digest, null, null))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining(message)
        .extracting(e -> ((CommandFailure) e).exitCode())
        .isEqualTo(ExitCodes.INVALID_INPUT);
  }
}
