package io.imagefactory.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.RuntimeRecords;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.statefiles.StateFileStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the signature policy leaves in state files survives them: the digests an image holds for
 * their signature and the unverified candidates of a {@code warn} rule, and a base's rule.
 */
class SignatureRecordsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private final StateFileStore store = new StateFileStore();

  @Test
  void heldAndUnverifiedDigestsSurviveTheImageStateFile() throws Exception {
    PendingDigest held = new PendingDigest("node-22", "sha256:bb", T0, false, "no signature found");
    PendingDigest unverified =
        new PendingDigest(
            "distroless", "sha256:cc", T0, false, "keyless verification is not supported yet");
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
            null,
            0,
            0,
            null,
            null,
            List.of(held));
    ImageRuntime both = runtime.withPending(List.of(unverified), false, T0.plusSeconds(60));

    String heldOnly = store.write(RuntimeRecords.withRuntime(managed(), runtime));
    String text = store.write(RuntimeRecords.withRuntime(managed(), both));
    ImageState read = store.readImage("images/api.yaml", text.getBytes(StandardCharsets.UTF_8));

    assertThat(heldOnly).contains("status: held").contains("heldForSignature:");
    assertThat(text).contains("unverified: no signature found").contains("status: waiting");
    assertThat(RuntimeRecords.runtimeOf(read)).isEqualTo(both);
  }

  @Test
  void aBaseKeepsItsRuleInItsStateFile() throws Exception {
    VerifyRule rule =
        new VerifyRule("docker.io/library/*", "keys/cosign.pub", null, null, null, "enforce");
    BaseImageState base =
        new BaseImageState(
            "node-22",
            "node:22",
            "docker.io",
            "library/node",
            "22",
            null,
            "docker.io/library/node",
            "^22$",
            "Digest",
            T0,
            T0,
            true,
            List.of("api"),
            "sha256:aa",
            T0,
            List.of(),
            rule,
            List.of(),
            Map.of());

    String text = store.write(base);

    assertThat(text)
        .contains(
            "verify:\n  repository: docker.io/library/*\n  key: keys/cosign.pub\n  mode: enforce");
    assertThat(
            store.readBaseImage("base-images/node-22.yaml", text.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(base);
  }

  private static ManagedImageState managed() {
    SourceConfig source =
        new SourceConfig("github", "org/api", null, "Dockerfile", "build.yml", Map.of(), Map.of());
    return new ManagedImageState(
        "api",
        T0,
        T0,
        DiscoveryStatus.SUCCESS,
        null,
        List.of(),
        new Enrollment("ghcr.io", "org/api", source, "12h", false),
        List.of("node-22", "distroless"),
        List.of(),
        List.of(),
        null,
        null,
        null,
        RebuildState.monitoring(),
        Map.of());
  }
}
