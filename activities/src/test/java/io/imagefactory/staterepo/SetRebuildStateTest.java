package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.catalog.RebuildCandidate;
import io.imagefactory.catalog.RebuildRecord;
import io.imagefactory.catalog.RebuildState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class SetRebuildStateTest {

  private static final Instant SEEN = Instant.parse("2025-02-01T10:00:00Z");
  private static final RebuildState WAITING = new RebuildState("waiting", false, SEEN.plusSeconds(7 * 86400),
      List.of(new RebuildCandidate("node-22", "sha256:node-22-2", SEEN)), null, List.of(), List.of());

  @TempDir Path tmp;

  @Test
  void setsThePolicyStateAndKeepsTheRecordOfRebuilds() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();
      RebuildRecord earlier = new RebuildRecord("web#1", SEEN.minusSeconds(86400), "timer",
          Map.of("node-22", "sha256:node-22-1"), null, "built", null, SEEN.minusSeconds(3600));
      new RecordRebuild("web", earlier).applyTo(files);

      StateFixture.assertIdempotent(new SetRebuildState("web", WAITING), files);

      RebuildState state = StateFixture.managed(files, "web").rebuildState();
      assertThat(state.status()).isEqualTo("waiting");
      assertThat(state.eligibleAt()).isEqualTo(Instant.parse("2025-02-08T10:00:00Z"));
      assertThat(state.candidates()).isEqualTo(WAITING.candidates());
      assertThat(state.lastRebuild()).isEqualTo(earlier);
      assertThat(StateFixture.managed(files, "web").currentDigest()).isEqualTo("sha256:web1");
    }
  }

  @Test
  void refusesExternalAndMissingImages() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      assertThatThrownBy(() -> new SetRebuildState("postgres", WAITING).applyTo(files))
          .hasMessageContaining("images/postgres.yaml is an external image");
      assertThatThrownBy(() -> new SetRebuildState("nope", WAITING).applyTo(files))
          .hasMessageContaining("images/nope.yaml does not exist");
      assertThatThrownBy(() -> new SetRebuildState("../x", WAITING).applyTo(files))
          .hasMessageContaining("must not contain '/'");
    }
  }
}
