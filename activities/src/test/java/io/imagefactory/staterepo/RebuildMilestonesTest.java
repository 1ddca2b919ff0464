package io.imagefactory.staterepo;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.statefiles.RebuildState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildMilestonesTest {

  private static final Instant T0 = Instant.parse("2025-02-01T00:00:00Z");
  private static final Instant REQUESTED = T0.plus(Duration.ofDays(8));

  private static ManagedImageState withLast(RebuildEntry last) {
    return new ManagedImageState(
        "api",
        T0,
        T0,
        DiscoveryStatus.SUCCESS,
        null,
        List.of(),
        null,
        List.of("node-22"),
        List.of(),
        List.of(),
        null,
        null,
        null,
        new RebuildState("monitoring", false, null, List.of(), last, List.of(), List.of()),
        Map.of());
  }

  /** A rebuild onto {@code sha256:bb}, first seen a day after the older {@code sha256:aa}. */
  private static RebuildEntry rebuild(String outcome, Instant completedAt) {
    return new RebuildEntry(
        "api#1",
        REQUESTED,
        "timer",
        Map.of("node-22", "sha256:bb"),
        List.of(
            new PendingDigest("node-22", "sha256:aa", T0),
            new PendingDigest("node-22", "sha256:bb", T0.plus(Duration.ofDays(1)))),
        false,
        List.of(),
        "",
        outcome,
        "",
        null,
        null,
        completedAt,
        null,
        List.of());
  }

  @Test
  void aDispatchIsMeasuredOnceFromTheFirstSightingOfTheDigestItIsFor() {
    RebuildMilestones first =
        RebuildMilestones.between(withLast(null), withLast(rebuild(RebuildEntry.RECORDED, null)));
    RebuildMilestones again =
        RebuildMilestones.between(
            withLast(rebuild(RebuildEntry.RECORDED, null)),
            withLast(rebuild(RebuildEntry.RECORDED, null)));

    assertThat(first.dispatched()).containsExactly(Duration.ofDays(7));
    assertThat(first.built()).isEmpty();
    assertThat(again.dispatched()).isEmpty();
  }

  @Test
  void aDispatchStillBeingMadeOrRefusedIsNoDispatchAndItsAnswerIs() {
    RebuildEntry dispatching = rebuild(RebuildEntry.DISPATCHING, null);

    assertThat(RebuildMilestones.between(withLast(null), withLast(dispatching)).dispatched())
        .isEmpty();
    assertThat(
            RebuildMilestones.between(
                    withLast(dispatching), withLast(rebuild(RebuildEntry.REJECTED, REQUESTED)))
                .dispatched())
        .isEmpty();
    assertThat(
            RebuildMilestones.between(
                    withLast(dispatching), withLast(rebuild(RebuildEntry.DISPATCHED, null)))
                .dispatched())
        .containsExactly(Duration.ofDays(7));
  }

  @Test
  void theBuildThatClosesARebuildIsMeasuredOnce() {
    Instant builtAt = REQUESTED.plus(Duration.ofHours(2));
    RebuildEntry built = rebuild(RebuildEntry.BUILT, builtAt);

    RebuildMilestones closing =
        RebuildMilestones.between(withLast(rebuild(RebuildEntry.RECORDED, null)), withLast(built));

    assertThat(closing.built()).containsExactly(Duration.ofDays(7).plusHours(2));
    assertThat(closing.dispatched()).isEmpty();
    assertThat(RebuildMilestones.between(withLast(built), withLast(built)).built()).isEmpty();
  }
}
