package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.ExternalImageState;
import io.imagefactory.catalog.ManagedImageState;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class RecordImageBuildTest {

  private static final Instant BUILT = Instant.parse("2025-02-02T08:00:00Z");

  @TempDir Path tmp;

  @Test
  void recordsANewBuildOfAManagedImageOnce() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      StateFixture.assertIdempotent(new RecordImageBuild("web", "sha256:web2", "1.1", BUILT), files);
      new RecordImageBuild("web", "sha256:web2", "1.1", BUILT.plusSeconds(600)).applyTo(files);

      ManagedImageState web = StateFixture.managed(files, "web");
      assertThat(web.currentDigest()).isEqualTo("sha256:web2");
      assertThat(web.currentVersion()).isEqualTo("1.1");
      assertThat(web.lastBuilt()).isEqualTo(BUILT);
      assertThat(web.baseImages()).containsExactly("node-22", "python-3.12");
    }
  }

  @Test
  void recordsANewDigestOfAnExternalImage() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      StateFixture.assertIdempotent(new RecordImageBuild("postgres", "sha256:pg17", "17-alpine", BUILT), files);

      ExternalImageState postgres = StateFixture.external(files, "postgres");
      assertThat(postgres.currentDigest()).isEqualTo("sha256:pg17");
      assertThat(postgres.currentTag()).isEqualTo("17-alpine");
      assertThat(postgres.lastUpdated()).isEqualTo(BUILT);
    }
  }
}
