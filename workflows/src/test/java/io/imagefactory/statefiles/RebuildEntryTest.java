package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.rebuild.RunRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildEntryTest {

  private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");
  private static final PendingDigest CANDIDATE = new PendingDigest("node-22", "sha256:1", AT);

  @Test
  void aRequestedRebuildIsDispatchingAndCarriesItsSelection() {
    RebuildEntry entry =
        RebuildEntry.requested("api#3", AT, "timer")
            .withSelection(Map.of("node-22", "sha256:1"), List.of(CANDIDATE))
            .withBuilds(false, List.of(CANDIDATE), "the tags as they stand");

    assertThat(entry)
        .isEqualTo(
            new RebuildEntry(
                "api#3",
                AT,
                "timer",
                Map.of("node-22", "sha256:1"),
                List.of(CANDIDATE),
                false,
                List.of(CANDIDATE),
                "the tags as they stand",
                RebuildEntry.DISPATCHING,
                null,
                null,
                null,
                null,
                null,
                List.of()));
    assertThat(entry.inFlight()).isTrue();
  }

  @Test
  void eachCopyChangesOnlyItsOwnFields() {
    RunRef run = new RunRef("github", "org/api", "77", "https://ci/77");
    RebuildEntry requested =
        RebuildEntry.requested("api#3", AT, "now").withSelection(Map.of(), List.of(CANDIDATE));
    RebuildEntry dispatched =
        requested.withRun(RebuildEntry.DISPATCHED, "sent", "https://ci/77", run);
    RebuildEntry built = dispatched.builtAs("sha256:9", "built", AT.plusSeconds(60));

    assertThat(dispatched.covered()).isEqualTo(requested.covered());
    assertThat(dispatched.run()).isEqualTo(run);
    assertThat(built.outcome()).isEqualTo(RebuildEntry.BUILT);
    assertThat(built.runUrl()).isEqualTo("https://ci/77");
    assertThat(built.builtDigest()).isEqualTo("sha256:9");
    assertThat(built.requestedAt()).isEqualTo(AT);
  }
}
