package io.imagefactory.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordingRebuildActivitiesTest {

  @Test
  void recordsWhatItWouldHaveDispatched() {
    RebuildRequest request =
        new RebuildRequest(
            "api",
            "api#3",
            new RebuildTarget(
                "github", "example-org/api", "build.yml", "main", Map.of("env", "prod")),
            "timer",
            Map.of("node-22", "sha256:ab"),
            Map.of(),
            Instant.parse("2026-01-01T00:00:00Z"));

    RebuildDispatch dispatch = new RecordingRebuildActivities().dispatchRebuild(request);

    assertThat(dispatch.outcome()).isEqualTo(RebuildDispatch.RECORDED);
    assertThat(dispatch.runUrl()).isNull();
    assertThat(dispatch.detail())
        .isEqualTo(
            "workflow_dispatch example-org/api build.yml ref=main inputs={env=prod} for "
                + "{node-22=sha256:ab}");
  }

  @Test
  void saysWhenTheImageHasNoWorkflowConfigured() {
    RebuildRequest request =
        new RebuildRequest(
            "site",
            "site#1",
            new RebuildTarget("github", null, null, "main", Map.of()),
            "now",
            Map.of(),
            Map.of(),
            Instant.EPOCH);
    assertThat(new RecordingRebuildActivities().dispatchRebuild(request).detail())
        .contains("<state repository> <no workflow configured>");
  }
}
