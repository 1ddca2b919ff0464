package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebuildActivitiesImplTest {

  @Test
  void aProviderWithoutCredentialsRecordsItsDispatches() {
    RebuildActivities activities = RebuildActivitiesImpl.forTests(List.of(), null, () -> 1);
    RebuildRequest request =
        new RebuildRequest(
            "web",
            "web#1",
            new RebuildTarget(
                "gitlab", "group/web", null, "main", Map.of("BASE", "${base.node-22.ref}")),
            "timer",
            Map.of("node-22", "sha256:" + "a".repeat(64)),
            Map.of("node-22", "docker.io/library/node:22"),
            Instant.EPOCH);

    RebuildDispatch dispatch = activities.dispatchRebuild(request);

    assertThat(dispatch.outcome()).isEqualTo(RebuildDispatch.RECORDED);
    assertThat(dispatch.run()).isNull();
    assertThat(dispatch.detail())
        .contains("BASE=docker.io/library/node:22@sha256:" + "a".repeat(64));
  }

  @Test
  void anUnhintedRateLimitDoublesPerAttemptUpToHalfAnHour() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(RebuildActivitiesImpl.growing(minute, 1)).isEqualTo(minute);
    assertThat(RebuildActivitiesImpl.growing(minute, 2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(RebuildActivitiesImpl.growing(minute, 5)).isEqualTo(Duration.ofMinutes(16));
    assertThat(RebuildActivitiesImpl.growing(minute, 40)).isEqualTo(Duration.ofMinutes(30));
  }
}
