package io.imagefactory.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The what-if planner on the generated fleet: cascades, windows, the budget, and bad input. */
class WhatIfPlannerTest {

  @TempDir Path dir;
  private StateSnapshot state;

  @BeforeEach
  void writeFleet() throws Exception {
    state = new StateDirectoryReader().read(WhatIfFleet.write(dir));
  }

  private RebuildPreview plan() {
    return new WhatIfPlanner()
        .plan(
            state,
            WhatIfFleet.NODE_REFERENCE,
            WhatIfFleet.NOW,
            Duration.ofMinutes(15),
            WhatIfFleet.LIMITS);
  }

  @Test
  void aCascadeFollowsTheDependencyEdges() {
    PlannedRebuild base = rebuild("base-node");
    PlannedRebuild svcA = rebuild("svc-a");
    assertThat(base.level()).isEqualTo(1);
    assertThat(svcA.level()).isEqualTo(2);
    assertThat(svcA.via()).isEqualTo("base-node");
    assertThat(svcA.candidateAt()).isEqualTo(base.runEndsAt());
    assertThat(svcA.eligibleAt()).isEqualTo(base.runEndsAt().plus(Duration.ofMinutes(30)));
  }

  @Test
  void aWindowHoldsTheDispatchUntilItOpens() {
    PlannedRebuild batch = rebuild("batch");
    assertThat(batch.windowOpensAt()).isEqualTo(Instant.parse("2025-06-10T08:00:00Z"));
    assertThat(batch.dispatchedAt()).isEqualTo(Instant.parse("2025-06-10T08:00:05Z"));
  }

  @Test
  void theBudgetBindsPerRepositoryAndPerHour() {
    List<PlannedRebuild> dispatched =
        plan().rebuilds().stream().filter(r -> r.dispatchedAt() != null).toList();
    for (PlannedRebuild r : dispatched) {
      long inFlight =
          dispatched.stream()
              .filter(o -> o.repository().equals(r.repository()))
              .filter(
                  o ->
                      !o.dispatchedAt().isAfter(r.dispatchedAt())
                          && o.runEndsAt().isAfter(r.dispatchedAt()))
              .count();
      assertThat(inFlight).isLessThanOrEqualTo(2);
    }
    assertThat(dispatched)
        .anyMatch(r -> r.waitsFor() != null && r.waitsFor().startsWith("queued: "));
  }

  @Test
  void imagesThatAreNotRebuiltAutomaticallySayWhy() {
    assertThat(rebuild("reviewed").waitsFor()).isEqualTo("awaits approval (autoRebuild: false)");
    assertThat(rebuild("reviewed").dispatchedAt()).isNull();
    assertThat(rebuild("pinned").waitsFor()).startsWith("pinned by digest");
  }

  @Test
  void aManagedImageAsTheBaseIsACascade() {
    RebuildPreview preview =
        new WhatIfPlanner()
            .plan(
                state,
                "ghcr.io/acme/platform/base-node:1.0.1",
                WhatIfFleet.NOW,
                Duration.ofMinutes(15),
                WhatIfFleet.LIMITS);
    assertThat(preview.base().kind()).isEqualTo(WhatIfBase.MANAGED);
    assertThat(preview.rebuilds())
        .extracting(PlannedRebuild::image)
        .containsExactly("svc-a", "svc-b");
  }

  @Test
  void anUnknownBaseNamesTheClosestKnownOnes() {
    assertThatThrownBy(
            () ->
                new WhatIfPlanner()
                    .plan(
                        state,
                        "docker.io/library/node:22-bookworm",
                        WhatIfFleet.NOW,
                        Duration.ofMinutes(15),
                        WhatIfFleet.LIMITS))
        .isInstanceOf(UnknownBaseException.class)
        .hasMessage(
            "no base image or managed image of the state repository is"
                + " docker.io/library/node:22-bookworm; the closest known:"
                + " docker.io/library/node:22-bookworm-slim, docker.io/library/python:3.12-slim");
  }

  @Test
  void aMalformedReferenceSaysWhatIsWrong() {
    assertThatThrownBy(() -> BaseReference.parse("docker.io/library/node"))
        .hasMessageContaining("has no tag");
    assertThatThrownBy(() -> BaseReference.parse("https://docker.io/library/node:22"))
        .hasMessageContaining("no scheme");
    assertThatThrownBy(() -> BaseReference.parse("node@sha256:abc"))
        .hasMessageContaining("no digest");
  }

  private PlannedRebuild rebuild(String image) {
    return plan().rebuilds().stream()
        .filter(r -> r.image().equals(image))
        .findFirst()
        .orElseThrow();
  }
}
