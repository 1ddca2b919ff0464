package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class MarkBasesWatchedTest {

  @TempDir Path tmp;

  @Test
  void marksEachExistingBaseWatchedOnceAndSkipsRemovedOnes() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();
      assertThat(StateFixture.base(files, "node-22").watched()).isNull();

      StateFixture.assertIdempotent(
          new MarkBasesWatched(List.of("node-22", "python-3.12", "gone-1")), files);

      assertThat(StateFixture.base(files, "node-22").watched()).isTrue();
      assertThat(StateFixture.base(files, "python-3.12").watched()).isTrue();
      assertThat(files.exists("base-images/gone-1.yaml")).isFalse();
      assertThat(files.changes()).hasSize(2);
      assertThat(new MarkBasesWatched(List.of("a", "b")).describe())
          .isEqualTo("watch 2 base images");
    }
  }
}
