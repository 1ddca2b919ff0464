package io.imagefactory.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
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
 * The {@code verify:} policy end to end through the workflows: the base checks a new digest once
 * and hands the verdict to its dependents, which hold it (enforce) or build it flagged (warn).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignaturePolicyWorkflowTest {

  private static final String NODE = "node-22-bookworm-slim";
  private static final String TAG = "22-bookworm-slim";
  private static final Duration WEEK = Duration.ofDays(7);
  private static final VerifyRule ENFORCE =
      new VerifyRule(
          "docker.io/library/*", "keys/cosign.pub", null, null, null, VerifyRule.ENFORCE);
  private static final VerifyRule WARN =
      new VerifyRule("docker.io/library/*", "keys/cosign.pub", null, null, null, VerifyRule.WARN);

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
  void enforceHoldsAnUnsignedDigestAndNeverBuildsIt() {
    ImageWorkflow api = startImage("api", true);
    ImageWorkflow web = startImage("web", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api", "web");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(Duration.ofDays(30));

    assertThat(activities.rebuilds).isEmpty();
    for (ImageWorkflow image : List.of(api, web)) {
      ImageRuntime runtime = image.status().runtime();
      assertThat(runtime.pending()).isEmpty();
      assertThat(runtime.held()).extracting(PendingDigest::digest).containsExactly(digest(2));
      assertThat(runtime.held().get(0).unverified()).isEqualTo("no signature found");
      assertThat(image.status().details())
          .contains("held for its signature: " + NODE)
          .contains("no signature found");
    }
    // The baseline is not checked; the new digest once for both dependents, then on re-checks.
    assertThat(signatures.checks).extracting(SignatureCheck::digest).containsOnly(digest(2));
    assertThat(signatures.checks.get(0).repository()).isEqualTo("docker.io/library/node");
  }

  @Test
  void aHeldDigestIsCheckedAgainAndReleasedWhenItsSignatureAppears() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));
    temporal.sleep(Duration.ofMinutes(3));
    assertThat(api.status().runtime().held())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThat(base.status().details())
        .contains(digest(2) + " held for its signature, checked again at ");

    // cosign signs after the push: the signature appears a few minutes later.
    signatures.signedBy.put(digest(2), "keys/cosign.pub");
    temporal.sleep(Duration.ofMinutes(3));

    assertThat(signatures.checks).hasSize(2);
    ImageRuntime runtime = api.status().runtime();
    assertThat(runtime.held()).isEmpty();
    assertThat(runtime.pending()).extracting(PendingDigest::digest).containsExactly(digest(2));
    assertThat(base.status().details()).doesNotContain("held");
    // The soak counts from when the digest was first seen, not from when it was signed.
    temporal.sleep(WEEK.minusMinutes(7));
    assertThat(activities.rebuilds).isEmpty();
    temporal.sleep(Duration.ofMinutes(5));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).baseDigests()).isEqualTo(Map.of(NODE, digest(2)));
  }

  @Test
  void reChecksBackOffFromFiveMinutesToAnHourAndStopAfterADay() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(Duration.ofMinutes(36));
    // At 5, 15 and 35 minutes.
    assertThat(signatures.checks).hasSize(4);
    temporal.sleep(Duration.ofHours(2));
    // At 75 and 135 minutes, then hourly.
    assertThat(signatures.checks).hasSize(6);
    temporal.sleep(Duration.ofDays(3));
    // Hourly up to 23:15 after the hold, the last one before a day has passed.
    assertThat(signatures.checks).hasSize(27);
    assertThat(base.status().details()).contains("no more re-checks until the rule changes");
    assertThat(api.status().runtime().held())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThat(activities.rebuilds).isEmpty();
  }

  @Test
  void aHeldDigestAndItsReChecksGoOnInTheNextRun() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base(NODE));
    BaseSetup setup = setup(ENFORCE, "api");
    WorkflowClient.start(
        base::run,
        new BaseSetup(
                setup.name(),
                setup.repoURL(),
                setup.tag(),
                setup.dependents(),
                null,
                null,
                List.of(),
                40,
                null,
                null,
                List.of())
            .withVerify(ENFORCE));
    String firstRun = runId();
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(Duration.ofHours(6));
    assertThat(runId()).as("continued as new while holding").isNotEqualTo(firstRun);
    assertThat(base.status().details()).contains(digest(2) + " held for its signature");
    int before = signatures.checks.size();
    signatures.signedBy.put(digest(2), "keys/cosign.pub");
    temporal.sleep(Duration.ofMinutes(61));

    assertThat(signatures.checks).hasSize(before + 1);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
  }

  private String runId() {
    return temporal
        .client
        .newUntypedWorkflowStub(WorkflowIds.base(NODE))
        .describe()
        .getExecution()
        .getRunId();
  }

  @Test
  void aChangedRuleChecksTheHeldDigestAtOnce() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));
    temporal.sleep(Duration.ofDays(2));
    int before = signatures.checks.size();
    signatures.signedBy.put(digest(2), "the builder's identity");
    VerifyRule keyless =
        new VerifyRule(
            "docker.io/library/*",
            null,
            "builder@example.com",
            null,
            "https://accounts.example.com",
            VerifyRule.ENFORCE);

    base.configure(setup(keyless, "api"));
    temporal.sleep(Duration.ofSeconds(30));

    assertThat(signatures.checks).hasSize(before + 1);
    assertThat(signatures.checks.get(before).rule()).isEqualTo(keyless);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
  }

  @Test
  void aRemovedRuleReleasesTheHeldDigest() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));
    temporal.sleep(Duration.ofMinutes(1));
    int before = signatures.checks.size();

    base.configure(setup(null, "api"));
    temporal.sleep(Duration.ofSeconds(30));

    assertThat(signatures.checks).hasSize(before);
    assertThat(api.status().runtime().held()).isEmpty();
    assertThat(api.status().runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(2));
    assertThat(api.status().runtime().pending().get(0).unverified()).isNull();
  }

  @Test
  void warnBuildsAnUnsignedDigestAndTheRebuildRecordSaysItWasUnverified() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(WARN, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(WEEK.plusMinutes(5));

    assertThat(activities.rebuilds).hasSize(1);
    RebuildEntry last = api.status().runtime().lastRebuild();
    assertThat(last.covered())
        .extracting(PendingDigest::unverified)
        .containsExactly("no signature found");
    assertThat(last.builds())
        .contains("unverified signature: " + NODE)
        .contains("no signature found");
    assertThat(api.status().runtime().held()).isEmpty();
  }

  @Test
  void aVerifiedDigestIsBuiltAfterItsDelayLikeAnyOther() {
    signatures.signedBy.put(digest(2), "keys/cosign.pub");
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(WEEK.minusHours(1));
    assertThat(activities.rebuilds).isEmpty();
    temporal.sleep(Duration.ofHours(2));

    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).baseDigests()).isEqualTo(Map.of(NODE, digest(2)));
    RebuildEntry last = api.status().runtime().lastRebuild();
    assertThat(last.covered()).extracting(PendingDigest::unverified).containsOnlyNulls();
    assertThat(last.builds()).doesNotContain("unverified");
  }

  @Test
  void aBaseWithoutARuleChecksNothing() {
    ImageWorkflow api = startImage("api", true);
    BaseImageWorkflow base = startBase(null, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));

    temporal.sleep(WEEK.plusMinutes(5));

    assertThat(signatures.checks).isEmpty();
    assertThat(activities.rebuilds).hasSize(1);
  }

  @Test
  void aHeldDigestHoldsTheRebuildOfABuildThatPullsTheTagUntilAVerifiedOneComes() {
    signatures.signedBy.put(digest(2), "keys/cosign.pub");
    signatures.signedBy.put(digest(4), "keys/cosign.pub");
    ImageWorkflow api = startImage("api", false);
    BaseImageWorkflow base = startBase(ENFORCE, "api");
    base.digestSeen(new DigestSeen(digest(1), TAG, "f1"));
    base.digestSeen(new DigestSeen(digest(2), TAG, "f2"));
    temporal.sleep(Duration.ofDays(1));
    // The tag now points at an unsigned digest: a build that pulls the tag would build it.
    base.digestSeen(new DigestSeen(digest(3), TAG, "f3"));

    temporal.sleep(Duration.ofDays(10));
    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().details()).startsWith("rebuild held: the build pulls the base tags");

    base.digestSeen(new DigestSeen(digest(4), TAG, "f4"));
    temporal.sleep(WEEK.plusMinutes(5));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(api.status().runtime().held()).isEmpty();
  }

  private BaseImageWorkflow startBase(VerifyRule rule, String... dependents) {
    BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base(NODE));
    WorkflowClient.start(base::run, setup(rule, dependents));
    return base;
  }

  private static BaseSetup setup(VerifyRule rule, String... dependents) {
    return new BaseSetup(
            NODE,
            "docker.io/library/node",
            TAG,
            List.of(dependents),
            null,
            null,
            List.of(),
            0,
            null,
            null,
            List.of())
        .withVerify(rule);
  }

  /** {@code pinsBases}: the build takes the digests as inputs rather than pulling the tags. */
  private ImageWorkflow startImage(String name, boolean pinsBases) {
    ImageWorkflow image = temporal.newStub(ImageWorkflow.class, WorkflowIds.image(name));
    ImageConfig config =
        new ImageConfig(
            name,
            ImageKind.MANAGED,
            WEEK,
            true,
            List.of(NODE),
            List.of(),
            List.of(),
            new RebuildTarget("github", "org/" + name, "build.yml", "main", Map.of()),
            Map.of(),
            pinsBases,
            List.of(),
            null,
            null,
            null,
            null);
    WorkflowClient.start(image::run, new ImageSetup(config, ImageRuntime.empty()));
    return image;
  }

  private static String digest(int n) {
    return String.format("sha256:%064x", n);
  }
}
