package io.imagefactory.image;

import static io.imagefactory.image.ImageWorkflowFixtures.DISTROLESS;
import static io.imagefactory.image.ImageWorkflowFixtures.NODE;
import static io.imagefactory.image.ImageWorkflowFixtures.digest;
import static io.imagefactory.image.ImageWorkflowFixtures.managed;
import static io.imagefactory.image.ImageWorkflowFixtures.pinning;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.base.DigestSeen;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildEntry;
import io.imagefactory.staterepo.ScanChange;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.vulnerability.FastPathPolicy;
import io.imagefactory.vulnerability.ScanSummary;
import io.imagefactory.vulnerability.Scans;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast path through real base and image workflows on the time-skipping test server: scans reach
 * the base, which records them and hands them on; the image marks the candidates they fix and
 * rebuilds them without their soak.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageFastPathTest {

  private static final Duration WEEK = Duration.ofDays(7);
  private static final String CVE = "CVE-2025-0001";

  private RecordingActivities activities;
  private WorkflowTestEnvironment temporal;
  private ImageWorkflow api;
  private BaseImageWorkflow node;
  private BaseImageWorkflow distroless;

  @BeforeEach
  void start() {
    activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
    ImageConfig config =
        pinning(managed("api", WEEK, true, NODE, DISTROLESS)).withFastPath(FastPathPolicy.DEFAULT);
    api = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("api"));
    WorkflowClient.start(api::run, new ImageSetup(config, ImageRuntime.empty()));
    node = base(NODE);
    distroless = base(DISTROLESS);
    // The baselines: the digests api is built on.
    node.digestSeen(new DigestSeen(digest(1), "22", "f1", temporal.now()));
    distroless.digestSeen(new DigestSeen(digest(10), "nonroot", "f10", temporal.now()));
    temporal.sleep(Duration.ofMinutes(1));
  }

  @AfterEach
  void stop() {
    temporal.close();
  }

  private BaseImageWorkflow base(String name) {
    BaseImageWorkflow base = temporal.newStub(BaseImageWorkflow.class, WorkflowIds.base(name));
    WorkflowClient.start(
        base::run,
        new BaseSetup(
            name,
            "docker.io/library/" + name,
            "22",
            List.of("api"),
            null,
            null,
            List.of(),
            0,
            null,
            null,
            List.of()));
    return base;
  }

  private ScanSummary scan(int digest, String... critical) {
    String[] findings = new String[critical.length];
    for (int i = 0; i < critical.length; i++) {
      findings[i] = "CRITICAL:" + critical[i];
    }
    return Scans.of(digest(digest), temporal.now(), findings);
  }

  private void newDigest(BaseImageWorkflow base, int digest) {
    base.digestSeen(new DigestSeen(digest(digest), "22", "f" + digest, temporal.now()));
  }

  @Test
  void aCriticalFixMaturesAtOnceWhileAnUnrelatedCandidateKeepsItsSoak() {
    node.scanned(scan(1, CVE));
    newDigest(node, 2);
    newDigest(distroless, 11);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(activities.rebuilds).isEmpty();

    node.scanned(scan(2));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.rebuilds).hasSize(1);
    RebuildRequest rebuild = activities.rebuilds.get(0);
    assertThat(rebuild.trigger()).isEqualTo("fast-path");
    assertThat(rebuild.baseDigests()).containsEntry(NODE, digest(2));
    ImageStatus status = api.status();
    RebuildEntry entry = status.runtime().lastRebuild();
    assertThat(entry.fastPath()).containsExactly(CVE);
    assertThat(entry.covered()).extracting(PendingDigest::digest).containsExactly(digest(2));
    assertThat(status.runtime().pending())
        .extracting(PendingDigest::digest)
        .containsExactly(digest(11));
    assertThat(status.details()).contains(DISTROLESS).contains("to mature");

    temporal.sleep(WEEK.minusMinutes(10));
    assertThat(activities.rebuilds).hasSize(1);
    temporal.sleep(Duration.ofMinutes(10));
    assertThat(activities.rebuilds).hasSize(2);
    assertThat(activities.rebuilds.get(1).trigger()).isEqualTo("timer");
  }

  @Test
  void theBaseRecordsAScanOnceAndAnOlderScanOfTheDigestNotAtAll() {
    ScanSummary first = scan(1, CVE);
    node.scanned(first);
    node.scanned(first);
    node.scanned(Scans.of(digest(1), first.scannedAt().minusSeconds(60)));
    temporal.sleep(Duration.ofSeconds(30));

    List<ScanChange> recorded =
        activities.submitted.stream()
            .map(StateChangeBatch::changes)
            .flatMap(List::stream)
            .filter(ScanChange.class::isInstance)
            .map(ScanChange.class::cast)
            .toList();
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).owner()).isEqualTo(NODE);
    assertThat(recorded.get(0).base()).isTrue();
    assertThat(
            recorded.get(0).summary().idsAtLeast(io.imagefactory.vulnerability.Severity.CRITICAL))
        .containsExactly(CVE);
  }

  @Test
  void aReportThatFixesNothingChangesNothing() {
    node.scanned(scan(1, CVE));
    newDigest(node, 2);
    temporal.sleep(Duration.ofMinutes(1));
    Instant eligible = api.status().runtime().eligibleAt();

    node.scanned(scan(2, CVE));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().runtime().eligibleAt()).isEqualTo(eligible);
    assertThat(api.status().runtime().pending().get(0).fastPath()).isNull();
    temporal.sleep(WEEK);
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("timer");
  }

  @Test
  void aReportOfTheOldDigestArrivingAfterTheNewOnesStillTakesTheFastPath() {
    newDigest(node, 2);
    temporal.sleep(Duration.ofMinutes(1));
    node.scanned(scan(2));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(activities.rebuilds).isEmpty();

    node.scanned(scan(1, CVE));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("fast-path");
    assertThat(api.status().runtime().lastRebuild().fastPath()).containsExactly(CVE);
  }

  @Test
  void aReportBeforeTheCandidateArrivesCountsWhenItComes() {
    node.scanned(scan(1, CVE));
    node.scanned(scan(2));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(activities.rebuilds).isEmpty();

    newDigest(node, 2);
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("fast-path");
  }

  @Test
  void noReportAtAllLeavesTheSoakAsItIs() {
    Instant seen = temporal.now();
    newDigest(node, 2);
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(api.status().runtime().eligibleAt())
        .isBetween(seen.plus(WEEK), seen.plus(WEEK).plusSeconds(5));

    temporal.sleep(WEEK.minusMinutes(2));
    assertThat(activities.rebuilds).isEmpty();
    temporal.sleep(Duration.ofMinutes(2));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("timer");
    assertThat(api.status().runtime().lastRebuild().fastPath()).isEmpty();
  }

  @Test
  void anImageWithTheFastPathOffSoaksWhateverTheReports() {
    api.configure(api.status().config().withFastPath(null));
    node.scanned(scan(1, CVE));
    newDigest(node, 2);
    node.scanned(scan(2));
    temporal.sleep(Duration.ofMinutes(2));

    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().runtime().pending()).hasSize(1);
  }

  @Test
  void aFastPathDelayIsWaitedFor() {
    api.configure(
        api.status()
            .config()
            .withFastPath(
                new FastPathPolicy(
                    io.imagefactory.vulnerability.Severity.CRITICAL, Duration.ofHours(4))));
    node.scanned(scan(1, CVE));
    newDigest(node, 2);
    node.scanned(scan(2));
    temporal.sleep(Duration.ofHours(3));
    assertThat(activities.rebuilds).isEmpty();
    assertThat(api.status().details())
        .contains("to mature")
        .contains("fast path: " + NODE + " sha256:000000000000 fixes " + CVE);

    temporal.sleep(Duration.ofHours(1).plusMinutes(1));
    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("fast-path");
    assertThat(api.status().details()).contains("(fast path: fixes " + CVE + ")");
    assertThat(api.status().runtime().lastRebuild().builds()).endsWith("; fast path: fixes " + CVE);
  }

  @Test
  void anExternalImagesScanReachesTheImagesBuiltOnIt() {
    temporal.close();
    activities = new RecordingActivities();
    temporal = new WorkflowTestEnvironment(activities);
    ImageConfig postgres =
        new ImageConfig(
            "postgres",
            ImageKind.EXTERNAL,
            WEEK,
            false,
            List.of(),
            List.of(),
            List.of("app"),
            null,
            Map.of(),
            false,
            List.of(),
            null,
            null,
            null,
            null);
    ImageConfig app = managed("app", WEEK, true, "postgres").withFastPath(FastPathPolicy.DEFAULT);
    ImageWorkflow external = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("postgres"));
    WorkflowClient.start(external::run, new ImageSetup(postgres, ImageRuntime.empty()));
    ImageWorkflow built = temporal.newStub(ImageWorkflow.class, WorkflowIds.image("app"));
    WorkflowClient.start(built::run, new ImageSetup(app, ImageRuntime.empty()));
    external.built(new ImageBuild(digest(1), "16", temporal.now()));
    temporal.sleep(Duration.ofMinutes(1));
    external.scanned(scan(1, CVE));
    external.built(new ImageBuild(digest(2), "16", temporal.now()));
    temporal.sleep(Duration.ofMinutes(1));
    assertThat(activities.rebuilds).isEmpty();

    external.scanned(scan(2));
    temporal.sleep(Duration.ofMinutes(1));

    assertThat(activities.rebuilds).hasSize(1);
    assertThat(activities.rebuilds.get(0).image()).isEqualTo("app");
    assertThat(activities.rebuilds.get(0).trigger()).isEqualTo("fast-path");
    assertThat(
            activities.submitted.stream()
                .flatMap(b -> b.changes().stream())
                .filter(ScanChange.class::isInstance)
                .map(c -> ((ScanChange) c).owner()))
        .contains("postgres");
  }
}
