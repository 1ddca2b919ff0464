package io.imagefactory.statefiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.enrollment.EntitySetups;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeRecordsTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private final StateFileStore store = new StateFileStore();

  private static ManagedImageState api() {
    SourceConfig source =
        new SourceConfig(
            "github", "org/api", null, "Dockerfile", "build.yml", Map.of(), Map.of("env", "prod"));
    return new ManagedImageState(
        "api",
        T0,
        T0,
        DiscoveryStatus.SUCCESS,
        null,
        List.of(),
        new Enrollment("ghcr.io", "org/api", source, "12h", false),
        List.of("node-22", "distroless"),
        List.of("distroless"),
        List.of("worker"),
        null,
        null,
        null,
        RebuildState.monitoring(),
        Map.of());
  }

  private static RebuildEntry rebuild(int n, Instant at) {
    return new RebuildEntry(
        "api#" + n,
        at,
        "timer",
        Map.of("node-22", "sha256:aa"),
        List.of(new PendingDigest("node-22", "sha256:aa", at)),
        false,
        List.of(),
        "builds the base tags as they stand",
        "recorded",
        "workflow_dispatch org/api",
        null,
        null,
        null,
        null,
        List.of());
  }

  @Test
  void aRuntimeSurvivesTheStateFile() throws Exception {
    ImageRuntime runtime =
        new ImageRuntime(
            "sha256:0f",
            "1.4.2",
            T0.plusSeconds(60),
            null,
            List.of(new PendingDigest("node-22", "sha256:bb", T0.plusSeconds(120))),
            List.of(new PendingDigest("distroless", "sha256:cc", T0.plusSeconds(180))),
            true,
            T0.plus(Duration.ofHours(12)),
            rebuild(3, T0),
            3,
            0,
            null);

    ImageState written = RuntimeRecords.withRuntime(api(), runtime);
    byte[] bytes = store.write(written).getBytes(StandardCharsets.UTF_8);
    ImageState read = store.readImage("images/api.yaml", bytes);

    assertThat(RuntimeRecords.runtimeOf(read)).isEqualTo(runtime);
    assertThat(((ManagedImageState) read).rebuildState().status()).isEqualTo("awaiting-approval");
  }

  /**
   * After a restore from git the image workflow must still know which candidates its last rebuild
   * consumed, or it would take the same digest again as a new candidate and rebuild twice.
   */
  @Test
  void theDigestsARebuildCoveredSurviveTheStateFile() throws Exception {
    ImageRuntime runtime =
        new ImageRuntime(
            "sha256:0f",
            "1.4.2",
            T0,
            null,
            List.of(),
            List.of(),
            false,
            null,
            rebuild(1, T0),
            1,
            0,
            null);

    String text = store.write(RuntimeRecords.withRuntime(api(), runtime));
    ImageState read = store.readImage("images/api.yaml", text.getBytes(StandardCharsets.UTF_8));

    assertThat(text).contains("covered:").contains("digest: sha256:aa");
    assertThat(RuntimeRecords.runtimeOf(read).lastRebuild().covered())
        .containsExactly(new PendingDigest("node-22", "sha256:aa", T0));
  }

  @Test
  void aNewRebuildMovesThePreviousOneIntoABoundedHistory() {
    ImageState state = api();
    for (int n = 1; n <= 15; n++) {
      ImageRuntime runtime =
          new ImageRuntime(
              null,
              null,
              null,
              null,
              List.of(),
              List.of(),
              false,
              null,
              rebuild(n, T0.plusSeconds(n)),
              n,
              0,
              null);
      state = RuntimeRecords.withRuntime(state, runtime);
      state = RuntimeRecords.withRuntime(state, runtime);
    }
    RebuildState rebuild = ((ManagedImageState) state).rebuildState();
    assertThat(rebuild.lastRebuild().rebuildId()).isEqualTo("api#15");
    assertThat(rebuild.history()).hasSize(RuntimeRecords.HISTORY_LIMIT);
    assertThat(rebuild.history().get(0).rebuildId()).isEqualTo("api#14");
    assertThat(RuntimeRecords.runtimeOf(state).rebuildCount()).isEqualTo(15);
  }

  @Test
  void theWorkflowConfigurationComesFromTheEnrollmentBlock() {
    ImageConfig config =
        EntitySetups.configOf(api(), Map.of("node-22", "docker.io/library/node:22"));
    assertThat(config.kind()).isEqualTo(ImageKind.MANAGED);
    assertThat(config.rebuildDelay()).isEqualTo(Duration.ofHours(12));
    assertThat(config.autoRebuild()).isFalse();
    assertThat(config.pinnedBaseImages()).containsExactly("distroless");
    assertThat(config.dependentImages()).containsExactly("worker");
    assertThat(config.target().repo()).isEqualTo("org/api");
    assertThat(config.target().ref()).isEqualTo("main");
    assertThat(config.target().inputs()).isEqualTo(Map.of("env", "prod"));
    assertThat(config.baseReferences())
        .containsExactly(Map.entry("node-22", "docker.io/library/node:22"));
  }

  @Test
  void aDiscoveryThatFoundNoBaseReachesTheStatusAsTheReasonNothingIsRebuilt() {
    String error = "Dockerfile: no base image found: every image reference was skipped: ...";
    ManagedImageState failed =
        new ManagedImageState(
            "api",
            T0,
            T0,
            DiscoveryStatus.FAILED,
            error,
            List.of(),
            new Enrollment("ghcr.io", "org/api", api().enrollment().source(), "12h", false),
            List.of(),
            List.of(),
            List.of(),
            null,
            null,
            null,
            RebuildState.monitoring(),
            Map.of());

    assertThat(EntitySetups.configOf(failed, Map.of()).buildErrors())
        .containsExactly("discovery failed: " + error);
  }

  @Test
  void aDiscoveryFailureLeavesAnImageWithWatchedBasesRebuildable() {
    ManagedImageState api = api();
    ManagedImageState failed =
        new ManagedImageState(
            "api",
            T0,
            T0,
            DiscoveryStatus.FAILED,
            "Dockerfile:3: unknown instruction: RUNN",
            List.of(),
            api.enrollment(),
            api.baseImages(),
            api.pinnedBaseImages(),
            api.dependentImages(),
            null,
            null,
            null,
            RebuildState.monitoring(),
            Map.of());

    assertThat(EntitySetups.configOf(failed, Map.of()).buildErrors()).isEmpty();
  }
}
