package io.imagefactory.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountOptionsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "from=node:22,target=/n                      | node:22",
        "target=/n,source=/usr,from=node:22          | node:22",
        "type=bind,from=build,target=/n              | build",
        "TYPE=Cache,FROM=node:22,target=/c           | node:22",
        "type=cache,target=/c,id=x                   | ~~",
        "type=tmpfs,target=/t,from=node:22           | ~~",
        "type=secret,id=t,from=node:22               | ~~",
        "type=ssh,from=node:22                       | ~~",
        "from=,target=/n                             | ~~",
        "\"from=node:22\",\"target=/a,b\"            | node:22",
        "readonly,from=node:22,target=/n             | node:22"
      })
  void readsTheImageAMountTakesFilesFrom(String mount, String from) {
    assertThat(MountOptions.from(mount).orElse("")).isEqualTo(from);
  }
}
