package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DigestSighting;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(IsolatedGitConfig.class)
class RecordBaseDigestTest {

  private static final Instant SEEN = Instant.parse("2025-02-01T10:00:00Z");

  @TempDir Path tmp;
  private StateFixture fixture;
  private StateFiles files;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new StateFixture(tmp.resolve("state.git"));
    files = fixture.files();
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  @Test
  void makesTheNewDigestCurrentAndKeepsThePreviousInTheHistory() {
    StateFixture.assertIdempotent(new RecordBaseDigest("node-22", "sha256:node-22-2", SEEN), files);

    BaseImageState node = StateFixture.base(files, "node-22");
    assertThat(node.currentDigest()).isEqualTo("sha256:node-22-2");
    assertThat(node.lastUpdated()).isEqualTo(SEEN);
    assertThat(node.digestHistory())
        .containsExactly(
            new DigestSighting("sha256:node-22-1", Instant.parse("2025-01-02T00:00:00Z")));
    assertThat(node.dependentImages()).containsExactly("web", "api");
  }

  @Test
  void ignoresAnOlderDigestArrivingLate() {
    new RecordBaseDigest("node-22", "sha256:node-22-2", SEEN).applyTo(files);
    int before = files.modifications();

    new RecordBaseDigest("node-22", "sha256:node-22-1", SEEN.plusSeconds(60)).applyTo(files);

    assertThat(files.modifications()).isEqualTo(before);
    assertThat(StateFixture.base(files, "node-22").currentDigest()).isEqualTo("sha256:node-22-2");
  }

  @Test
  void boundsTheHistory() {
    for (int i = 0; i < RecordBaseDigest.HISTORY_LIMIT + 5; i++) {
      new RecordBaseDigest("node-22", "sha256:n" + i, SEEN.plusSeconds(i)).applyTo(files);
    }

    BaseImageState node = StateFixture.base(files, "node-22");
    assertThat(node.currentDigest()).isEqualTo("sha256:n24");
    assertThat(node.digestHistory()).hasSize(RecordBaseDigest.HISTORY_LIMIT);
    assertThat(node.digestHistory().get(0).digest()).isEqualTo("sha256:n23");
    assertThat(node.digestHistory())
        .extracting(DigestSighting::digest)
        .doesNotContain("sha256:node-22-1");
  }

  @Test
  void failsClearlyForAnUnknownOrInvalidBase() {
    assertThatThrownBy(() -> new RecordBaseDigest("ruby-3", "sha256:r", SEEN).applyTo(files))
        .hasMessageContaining("base-images/ruby-3.yaml does not exist");
    assertThatThrownBy(() -> new RecordBaseDigest("../images/web", "sha256:r", SEEN).applyTo(files))
        .hasMessageContaining("not a valid base-image name");
    assertThat(new RecordBaseDigest("node-22", "sha256:0123456789abcdef0123", SEEN).describe())
        .isEqualTo("record digest sha256:0123456789ab of node-22");
  }
}
