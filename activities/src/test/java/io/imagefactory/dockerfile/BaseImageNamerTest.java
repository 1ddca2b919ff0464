package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.reference.ImageReference;
import io.imagefactory.reference.ImageReferenceParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseImageNamerTest {

  private static final String HEX =
      "0d4d4e9a0b2b7f6f8a4b1f1e1f4ce7d6a4c9b1e3a5b2c7d8e9f0a1b2c3d4e5f6";

  private final ImageReferenceParser parser = new ImageReferenceParser();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "node:22-bookworm-slim                  | node-22-bookworm-slim",
        "gcr.io/distroless/python3-debian12     | distroless-python3-debian12-latest",
        "ghcr.io/acme/base:1.2                  | acme-base-1.2",
        "python:3.12-slim                       | python-3.12-slim",
        "quay.io/library/node:22                | library-node-22",
        "user/app:v1                            | user-app-v1",
        "localhost:5000/team/app:1              | team-app-1",
        "node:22@sha256:" + HEX + "             | node-22",
        "node@sha256:" + HEX + "                | node-sha256-0d4d4e9a0b2b",
        "ghcr.io/acme/app@sha256:" + HEX + "    | acme-app-sha256-0d4d4e9a0b2b",
        "my_org/my__app:1.0_RC                  | my-org-my-app-1.0-rc",
        "app:1..2                               | app-1.2",
        "app:1.-2                               | app-1-2",
        "app:_x_                                | app-x"
      })
  void proposesNamesFromRepositoryAndTag(String text, String name) throws Exception {
    assertThat(BaseImageNamer.candidateName(parser.parse(text))).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({"62", "120", "200"})
  void shortensLongNamesWithAHashOfTheReference(int length) throws Exception {
    ImageReference reference = parser.parse("ghcr.io/" + "a".repeat(length) + ":1");

    String name = BaseImageNamer.candidateName(reference);

    assertThat(name)
        .hasSizeLessThanOrEqualTo(BaseImageNames.MAX_LENGTH)
        .matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
        .isEqualTo(BaseImageNames.withHashSuffix("a".repeat(length) + "-1", reference.ref()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Node_22               | node-22",
        "-a--b..c-.d_          | a-b.c-d",
        "...a...               | a",
        "a/b:c@d               | a-b-c-d"
      })
  void sanitisesIntoLowerCaseDnsCharacters(String raw, String name) {
    assertThat(BaseImageNamer.sanitise(raw)).isEqualTo(name);
  }
}
