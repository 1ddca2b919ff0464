package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRuntimesTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private static RebuildEntry rebuild(String outcome) {
    return new RebuildEntry(
        "api#1",
        T0,
        "timer",
        Map.of(NODE, digest(1)),
        List.of(new PendingDigest(NODE, digest(1), T0.minus(DAY))),
        true,
        List.of(),
        "builds",
        outcome,
        "",
        null,
        null,
        null,
        null,
        List.of());
  }

  @Test
  void aBuildSeenBeforeTheDispatchWasAnsweredIsNotTheRebuildsOwn() {
    ImageRuntime dispatching =
        ImageRuntime.empty().withLastRebuild(rebuild(RebuildEntry.DISPATCHING));

    ImageRuntime next =
        ImageRuntimes.built(dispatching, new ImageBuild(digest(9), "1", T0.plusSeconds(1)));

    assertThat(next.lastRebuild().outcome()).isEqualTo(RebuildEntry.DISPATCHING);
    assertThat(next.lastBuiltBy()).isEqualTo(ImageRuntime.BUILT_OUTSIDE);
  }

  @Test
  void aFailureGivesTheCandidatesBackAndSpacesTheAttemptsThenHolds() {
    ImageRuntime runtime = ImageRuntime.empty().withLastRebuild(rebuild(RebuildEntry.DISPATCHED));

    ImageRuntime once = ImageRuntimes.failed(runtime, RebuildEntry.FAILED, "x", T0, DAY);
    assertThat(once.pending()).extracting(PendingDigest::digest).containsExactly(digest(1));
    assertThat(once.retryAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(ImageRuntimes.nextAttempt(once, DAY)).contains(T0.plus(Duration.ofHours(1)));

    ImageRuntime twice =
        ImageRuntimes.failed(
            once.withLastRebuild(rebuild(RebuildEntry.DISPATCHED)),
            RebuildEntry.FAILED,
            "x",
            T0,
            DAY);
    assertThat(twice.retryAt()).isEqualTo(T0.plus(Duration.ofHours(4)));

    ImageRuntime thrice =
        ImageRuntimes.failed(
            twice.withLastRebuild(rebuild(RebuildEntry.DISPATCHED)),
            RebuildEntry.NEVER_STARTED,
            "x",
            T0,
            DAY);
    assertThat(ImageRuntimes.heldAfterFailures(thrice)).isTrue();
    assertThat(ImageRuntimes.nextAttempt(thrice, DAY)).isEmpty();
    assertThat(thrice.pending()).hasSize(1);
  }
}
