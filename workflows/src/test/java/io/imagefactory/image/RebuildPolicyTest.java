package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.DISTROLESS;
import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.PendingDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebuildPolicyTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  private static PendingDigest seen(String base, int digest, Duration after) {
    return new PendingDigest(base, digest(digest), T0.plus(after));
  }

  private static List<PendingDigest> addAll(List<PendingDigest> candidates, Instant now) {
    List<PendingDigest> pending = List.of();
    for (PendingDigest candidate : candidates) {
      pending = RebuildPolicy.add(pending, candidate, WEEK, now);
    }
    return pending;
  }

  @Test
  void aBurstKeepsItsFirstAndItsNewestCandidateAndIsDueWhenTheNewestMatures() {
    List<PendingDigest> pending =
        addAll(
            List.of(
                seen(NODE, 1, Duration.ZERO),
                seen(NODE, 2, Duration.ofSeconds(10)),
                seen(NODE, 3, Duration.ofSeconds(20)),
                seen(DISTROLESS, 4, Duration.ofSeconds(25)),
                seen(NODE, 5, Duration.ofSeconds(42))),
            T0.plusSeconds(42));

    assertThat(pending)
        .extracting(PendingDigest::digest)
        .containsExactly(digest(1), digest(4), digest(5));
    assertThat(RebuildPolicy.rebuildDue(pending, WEEK)).contains(T0.plusSeconds(42).plus(WEEK));
  }

  @Test
  void updatesFurtherApartThanTheWindowAreAllKeptAndTheFirstStillMaturesOnTime() {
    List<PendingDigest> pending =
        addAll(
            List.of(
                seen(NODE, 1, Duration.ZERO),
                seen(NODE, 2, Duration.ofDays(1)),
                seen(NODE, 3, Duration.ofDays(2))),
            T0.plus(Duration.ofDays(2)));

    assertThat(pending).hasSize(3);
    assertThat(RebuildPolicy.rebuildDue(pending, WEEK)).contains(T0.plus(WEEK));
  }

  @Test
  void ofTheMaturedCandidatesOfABaseOnlyTheNewestIsKept() {
    Instant now = T0.plus(WEEK).plus(Duration.ofDays(3));
    List<PendingDigest> pending =
        addAll(
            List.of(
                seen(NODE, 1, Duration.ZERO),
                seen(NODE, 2, Duration.ofDays(1)),
                seen(DISTROLESS, 3, Duration.ofDays(1)),
                seen(NODE, 4, Duration.ofDays(2)),
                seen(NODE, 5, Duration.ofDays(9))),
            now);

    assertThat(pending)
        .extracting(PendingDigest::digest)
        .containsExactly(digest(3), digest(4), digest(5));
  }

  @Test
  void theWindowIsAtMostHalfTheDelay() {
    assertThat(RebuildPolicy.burstWindow(WEEK)).isEqualTo(RebuildPolicy.BURST_WINDOW);
    assertThat(RebuildPolicy.burstWindow(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(30));
    assertThat(RebuildPolicy.burstWindow(Duration.ZERO)).isEqualTo(Duration.ZERO);
  }

  @Test
  void aFastPathCandidateIsDueAtItsOwnMaturityWhateverItsBurst() {
    PendingDigest fix =
        seen(NODE, 1, Duration.ZERO)
            .withFastPath(
                new io.imagefactory.vulnerability.FastPathMark(
                    List.of("CVE-2025-0001"), io.imagefactory.vulnerability.Severity.CRITICAL, T0));
    List<PendingDigest> pending = List.of(fix, seen(DISTROLESS, 2, Duration.ofSeconds(30)));

    assertThat(RebuildPolicy.rebuildDue(pending, WEEK)).contains(T0);
    assertThat(
            RebuildPolicy.rebuildDue(List.of(seen(NODE, 1, Duration.ZERO), pending.get(1)), WEEK))
        .contains(T0.plusSeconds(30).plus(WEEK));
    assertThat(RebuildPolicy.newestMatured(pending, WEEK, T0)).containsOnlyKeys(NODE);
  }
}
