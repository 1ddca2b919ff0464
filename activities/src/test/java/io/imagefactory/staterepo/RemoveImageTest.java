package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class RemoveImageTest {

  @TempDir Path tmp;

  @Test
  void removesTheStateFileAndEveryReferenceAndStopsWatchingOrphanedBases() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      StateFixture.assertIdempotent(new RemoveImage("web"), files);

      assertThat(files.exists("images/web.yaml")).isFalse();
      assertThat(files.exists("base-images/python-3.12.yaml")).isFalse();
      assertThat(StateFixture.base(files, "node-22").dependentImages()).containsExactly("api");
      assertThat(StateFixture.external(files, "postgres").dependentImages()).isEmpty();
      assertThat(StateFixture.managed(files, "api").baseImages()).containsExactly("web", "node-22");
      assertThat(files.readString("images.yaml")).contains("# people's file\n");
    }
  }

  @Test
  void removingAnImageThatIsGoneChangesNothing() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      new RemoveImage("never-enrolled").applyTo(files);

      assertThat(files.changes()).isEmpty();
    }
  }
}
