package io.imagefactory.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.image.ImageBuild;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RebuildTarget;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code verify:} policy on the cascade path: a managed image that others are built on checks
 * its own new build once and cascades it with the verdict, which the dependents hold (enforce) or
 * build flagged (warn), as they do a base's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CascadeSignatureWorkflowTest {

  private static final String RUNTIME = "runtime";
  private static final String REPOSITORY = "ghcr.io/example-org/runtime";
  private static final Duration DAY = Duration.ofDays(1);
  private static final VerifyRule ENFORCE =
      new VerifyRule(
          "ghcr.io/example-org/*", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
  private static final VerifyRule WARN =
      new VerifyRule("ghcr.io/example-org/*", "keys/cosign.pub", null, null, null, VerifyRule.WARN);

  private RecordingActivities activities;
  private RecordedSignatures signatures;
  private WorkflowTestEnvironment temporal;

  @BeforeEach
  void startTemporal() {
    activities = new RecordingActivities();
    signatures = new RecordedSignatures();
    temporal = new WorkflowTestEnvironment(activities, signatures);
  }

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  @Test
  void enforceHoldsAnUnsignedBuildAtTheDependentAndNeverRebuildsIt() {
    ImageWorkflow api = startDependent();
    ImageWorkflow runtime = startRuntime(ENFORCE);
    runtime.built(new ImageBuild(digest(1), "1", temporal.now()));
    runtime.built(new ImageBuild(digest(2), "2", temporal.now()));

    temporal.sleep(Duration.ofDays(10));

    assertThat(rebuildsOf("api")).isEmpty();
    ImageRuntime held = api.status().runtime();
    assertThat(held.pending()).isEmpty();
    assertThat(held.held()).extracting(PendingDigest::digest).containsExactly(digest(2));
    assertThat(held.held().get(0).cascade()).isTrue();
    assertThat(held.held().get(0).unverified()).isEqualTo("no signature found");
    assertThat(api.status().details())
        .contains("held for its signature: " + RUNTIME)
        .contains("no signature found");
    assertThat(runtime.status().details())
        .contains(digest(2) + " held for its signature, no more re-checks until the rule changes");
    // The baseline build is not checked; the new one once, then on the re-checks.
    assertThat(signatures.checks).extracting(SignatureCheck::digest).containsOnly(digest(2));
    assertThat(signatures.checks.get(0).repository()).isEqualTo(REPOSITORY);
    assertThat(signatures.checks.get(0).rule()).isEqualTo(ENFORCE);
  }

  @Test
  void warnRebuildsTheDependentAndItsRecordSaysTheBuildWasUnverified() {
    ImageWorkflow api = startDependent();
    ImageWorkflow runtime = startRuntime(WARN);
    runtime.built(new ImageBuild(digest(1), "1", temporal.now()));
    runtime.built(new ImageBuild(digest(2), "2", temporal.now()));

    temporal.sleep(DAY.plusMinutes(5));

    assertThat(rebuildsOf("api")).hasSize(1);
    RebuildEntry last = api.status().runtime().lastRebuild();
    assertThat(last.covered())
        .extracting(PendingDigest::unverified)
        .containsExactly("no signature found");
    assertThat(last.builds()).contains("unverified signature: " + RUNTIME);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(signatures.checks).hasSize(1);
  }

  @Test
  void aHeldBuildIsCheckedAgainAndTheDependentRebuildsOnceItIsSigned() {
    ImageWorkflow api = startDependent();
    ImageWorkflow runtime = startRuntime(ENFORCE);
    runtime.built(new ImageBuild(digest(1), "1", temporal.now()));
    runtime.built(new ImageBuild(digest(2), "2", temporal.now()));
    temporal.sleep(Duration.ofMinutes(3));
    assertThat(api.status().runtime().held())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThat(runtime.status().details())
        .contains(digest(2) + " held for its signature, checked again at ");

    signatures.signedBy.put(digest(2), "keys/cosign.pub");
    temporal.sleep(Duration.ofMinutes(3));

    assertThat(signatures.checks).hasSize(2);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThat(runtime.status().details()).doesNotContain("held for its signature");
    // The soak counts from when the build was first seen, not from when it was signed.
    temporal.sleep(DAY.minusMinutes(7));
    assertThat(rebuildsOf("api")).isEmpty();
    temporal.sleep(Duration.ofMinutes(5));
    assertThat(rebuildsOf("api")).hasSize(1);
    assertThat(rebuildsOf("api").get(0).baseDigests()).isEqualTo(Map.of(RUNTIME, digest(2)));
  }

  @Test
  void aRemovedRuleReleasesTheHeldBuild() {
    ImageWorkflow api = startDependent();
    ImageWorkflow runtime = startRuntime(ENFORCE);
    runtime.built(new ImageBuild(digest(1), "1", temporal.now()));
    runtime.built(new ImageBuild(digest(2), "2", temporal.now()));
    temporal.sleep(Duration.ofMinutes(1));
    int before = signatures.checks.size();

    runtime.configure(runtimeConfig(null));
    temporal.sleep(Duration.ofSeconds(30));

    assertThat(signatures.checks).hasSize(before);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
  }

  @Test
  void withoutARuleABuildCascadesUnchecked() {
    ImageWorkflow api = startDependent();
    ImageWorkflow runtime = startRuntime(null);
    runtime.built(new ImageBuild(digest(1), "1", temporal.now()));
    runtime.built(new ImageBuild(digest(2), "2", temporal.now()));

    temporal.sleep(DAY.plusMinutes(5));

    assertThat(signatures.checks).isEmpty();
    assertThat(rebuildsOf("api")).hasSize(1);
    assertThat(api.status().runtime().lastRebuild().covered())
        .extracting(PendingDigest::unverified)
        .containsOnlyNulls();
  }

  private List<RebuildRequest> rebuildsOf(String image) {
    return activities.rebuilds.stream().filter(r -> r.image().equals(image)).toList();
  }

  private ImageWorkflow startRuntime(VerifyRule rule) {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(RUNTIME));
    WorkflowClient.start(image::run, new ImageSetup(runtimeConfig(rule), ImageRuntime.empty()));
    return image;
  }

  private static ImageConfig runtimeConfig(VerifyRule rule) {
    return config(RUNTIME, List.of("debian-12"), List.of("api")).withVerify(REPOSITORY, rule);
  }

  private ImageWorkflow startDependent() {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
    WorkflowClient.start(
        image::run,
        new ImageSetup(config("api", List.of(RUNTIME), List.of()), ImageRuntime.empty()));
    return image;
  }

  /** Built with the digests as inputs, so a held base does not hold every rebuild. */
  private static ImageConfig config(String name, List<String> bases, List<String> dependents) {
    return new ImageConfig(
        name,
        ImageKind.MANAGED,
        DAY,
        true,
        bases,
        List.of(),
        dependents,
        new RebuildTarget("github", "org/" + name, "build.yml", "main", Map.of()),
        Map.of(),
        true,
        List.of(),
        null,
        null,
        null,
        null);
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }
}
