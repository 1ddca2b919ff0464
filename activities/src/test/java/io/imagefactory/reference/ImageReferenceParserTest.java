package io.imagefactory.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceParserTest {

  private static final String HEX =
      "0d4d4e9a0b2b7f6f8a4b1f1e1f4ce7d6a4c9b1e3a5b2c7d8e9f0a1b2c3d4e5f6";

  private final ImageReferenceParser parser = new ImageReferenceParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "node                                | docker.io         | library/node          | latest | -",
        "node:22-bookworm-slim               | docker.io         | library/node          | 22-bookworm-slim | -",
        "user/app                            | docker.io         | user/app              | latest | -",
        "user/team/app:1                     | docker.io         | user/team/app         | 1      | -",
        "docker.io/node:22                   | docker.io         | library/node          | 22     | -",
        "docker.io/library/node:22           | docker.io         | library/node          | 22     | -",
        "index.docker.io/node:22             | docker.io         | library/node          | 22     | -",
        "registry-1.docker.io/user/app       | docker.io         | user/app              | latest | -",
        "localhost/app                       | localhost         | app                   | latest | -",
        "localhost:5000/app:1                | localhost:5000    | app                   | 1      | -",
        "registry.example.com:5000/team/app  | registry.example.com:5000 | team/app      | latest | -",
        "gcr.io/distroless/python3-debian12  | gcr.io            | distroless/python3-debian12 | latest | -",
        "ghcr.io/acme/base:1.2               | ghcr.io           | acme/base             | 1.2    | -",
        "Registry.Example.com/app:V1         | Registry.Example.com | app                | V1     | -",
        "[::1]:5000/app                      | [::1]:5000        | app                   | latest | -",
        "my_org/my__app-x.y:1.0_rc-2         | docker.io         | my_org/my__app-x.y    | 1.0_rc-2 | -"
      })
  void normalisesReferences(
      String text, String registry, String repository, String tag, String digest) throws Exception {
    ImageReference reference = parser.parse(text);

    assertThat(reference).isEqualTo(new ImageReference(registry, repository, tag, digest));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node:22@sha256:" + HEX + " | docker.io/library/node:22@sha256:" + HEX,
        "node@sha256:" + HEX + "    | docker.io/library/node@sha256:" + HEX,
        "node                       | docker.io/library/node:latest",
        "localhost:5000/app         | localhost:5000/app:latest"
      })
  void writesTheNormalisedRef(String text, String ref) throws Exception {
    assertThat(parser.parse(text).ref()).isEqualTo(ref);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"node:22@sha256:" + HEX + " | 22", "node@sha256:" + HEX + "    | "})
  void keepsTagAndDigestOrDigestOnly(String text, String tag) throws Exception {
    ImageReference reference = parser.parse(text);

    assertThat(reference.tag()).isEqualTo(tag);
    assertThat(reference.digest()).isEqualTo("sha256:" + HEX);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Node:22                  | repository name library/Node must be lower-case",
        "MyOrg/app                | repository name MyOrg/app must be lower-case",
        "ghcr.io/Acme/app         | repository name Acme/app must be lower-case",
        "node@sha256:abc          | invalid digest sha256:abc",
        "node@md5:" + HEX + "     | invalid digest md5:" + HEX,
        "node@sha256:" + HEX + "0 | invalid digest sha256:" + HEX + "0",
        "node:                    | the tag is empty",
        "node:a+b                 | invalid tag a+b",
        "node/                    | invalid repository name node/",
        "-node                    | invalid repository name library/-node",
        "a..b/c                   | invalid registry a..b",
        "" + HEX + "              | a 64-character hex string is an image id",
        "ghcr.io/acme/app:1:2     | invalid tag 1:2"
      })
  void rejectsInvalidReferences(String text, String message) {
    assertThatThrownBy(() -> parser.parse(text))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({"248", "300", "2000"})
  void rejectsOverlongNames(int length) {
    assertThatThrownBy(() -> parser.parse("ghcr.io/" + "a".repeat(length)))
        .isInstanceOf(InvalidImageReferenceException.class)
        .hasMessageContaining("long");
  }
}
