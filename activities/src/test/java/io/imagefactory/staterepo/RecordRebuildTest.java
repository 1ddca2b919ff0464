package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.catalog.RebuildRecord;
import io.imagefactory.catalog.RebuildState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class RecordRebuildTest {

  private static final Instant T0 = Instant.parse("2025-02-01T10:00:00Z");

  @TempDir Path tmp;

  private static RebuildRecord rebuild(Instant at, String outcome) {
    return new RebuildRecord("web#" + at.getEpochSecond(), at, "timer", Map.of("node-22", "sha256:node-22-2"),
        "https://github.com/acme/web/actions/runs/1", outcome, null, null);
  }

  @Test
  void recordsARebuildAndLaterItsOutcomeAsOneEntry() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();

      StateFixture.assertIdempotent(new RecordRebuild("web", rebuild(T0, "dispatched")), files);
      StateFixture.assertIdempotent(new RecordRebuild("web", rebuild(T0, "succeeded")), files);

      RebuildState state = StateFixture.managed(files, "web").rebuildState();
      assertThat(state.lastRebuild()).isEqualTo(rebuild(T0, "succeeded"));
      assertThat(state.history()).isEmpty();
      assertThat(state.status()).isEqualTo("monitoring");
    }
  }

  @Test
  void keepsEarlierRebuildsNewestFirstAndBounded() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();
      for (int i = 0; i < RecordRebuild.HISTORY_LIMIT + 3; i++) {
        new RecordRebuild("web", rebuild(T0.plusSeconds(i * 3600L), "built")).applyTo(files);
      }
      new RecordRebuild("web", rebuild(T0.plusSeconds(5 * 3600L), "failed")).applyTo(files);

      RebuildState state = StateFixture.managed(files, "web").rebuildState();
      assertThat(state.lastRebuild().requestedAt()).isEqualTo(T0.plusSeconds(12 * 3600L));
      assertThat(state.history()).hasSize(RecordRebuild.HISTORY_LIMIT);
      assertThat(state.history().get(0).requestedAt()).isEqualTo(T0.plusSeconds(11 * 3600L));
      assertThat(state.history()).extracting(RebuildRecord::requestedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
      assertThat(state.history()).filteredOn(r -> r.outcome().equals("failed"))
          .extracting(RebuildRecord::requestedAt).containsExactly(T0.plusSeconds(5 * 3600L));
    }
  }

  @Test
  void tellsRebuildsWithoutAnIdApartByTheirRequestTime() throws Exception {
    try (StateFixture fixture = new StateFixture(tmp.resolve("state.git"))) {
      StateFiles files = fixture.files();
      RebuildRecord first = new RebuildRecord(null, T0, "now", Map.of("node-22", "sha256:a"), null, "recorded", null, null);
      RebuildRecord second = new RebuildRecord(null, T0.plusSeconds(60), "now", Map.of("node-22", "sha256:b"), null, "recorded", null, null);

      new RecordRebuild("web", first).applyTo(files);
      StateFixture.assertIdempotent(new RecordRebuild("web", second), files);

      RebuildState state = StateFixture.managed(files, "web").rebuildState();
      assertThat(state.lastRebuild()).isEqualTo(second);
      assertThat(state.history()).containsExactly(first);
    }
  }
}
