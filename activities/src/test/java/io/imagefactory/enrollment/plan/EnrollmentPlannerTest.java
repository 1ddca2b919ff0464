package io.imagefactory.enrollment.plan;

import static io.imagefactory.enrollment.plan.PlannerFixtures.analysed;
import static io.imagefactory.enrollment.plan.PlannerFixtures.external;
import static io.imagefactory.enrollment.plan.PlannerFixtures.images;
import static io.imagefactory.enrollment.plan.PlannerFixtures.managed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.dockerfile.BaseImageNames;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.DiscoveryStatus;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.FileChange.Action;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.PendingDigest;
import io.imagefactory.statefiles.RebuildState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrollmentPlannerTest {

  private static final Instant T0 = Instant.parse("2024-12-04T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-12-05T11:30:00Z");
  private static final Instant T2 = Instant.parse("2024-12-06T08:15:00Z");

  private final EnrollmentPlanner planner = new EnrollmentPlanner();
  private final StateSnapshotReader reader = new StateSnapshotReader();

  @Test
  void enrollsANewManagedImageWithItsBases() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("web")),
            StateSnapshot.empty(),
            Map.of(
                "web",
                analysed("node:22-bookworm-slim", "gcr.io/distroless/static-debian12:nonroot")),
            T0.plusMillis(250));

    assertThat(plan.changes())
        .extracting(FileChange::path, FileChange::action)
        .containsExactly(
            tuple("base-images/distroless-static-debian12-nonroot.yaml", Action.CREATE),
            tuple("base-images/node-22-bookworm-slim.yaml", Action.CREATE),
            tuple("images/web.yaml", Action.CREATE));
    assertThat(content(plan, "images/web.yaml"))
        .isEqualTo(
            """
            name: web
            enrolledAt: "2024-12-04T10:00:00Z"
            lastDiscovery: "2024-12-04T10:00:00Z"
            discoveryStatus: success
            enrollment:
              registry: ghcr.io
              repository: example-org/web
              source:
                dockerfile: apps/web/Dockerfile
                workflow: build.yml
              rebuildDelay: 7d
              autoRebuild: true
            baseImages:
              - node-22-bookworm-slim
              - distroless-static-debian12-nonroot
            rebuildState:
              status: monitoring
              pendingRebuild: false
            """);
    assertThat(content(plan, "base-images/distroless-static-debian12-nonroot.yaml"))
        .isEqualTo(
            """
            name: distroless-static-debian12-nonroot
            fullImage: gcr.io/distroless/static-debian12:nonroot
            registry: gcr.io
            repository: distroless/static-debian12
            tag: nonroot
            repoURL: gcr.io/distroless/static-debian12
            allowTags: ^nonroot$
            imageSelectionStrategy: Digest
            firstDiscovered: "2024-12-04T10:00:00Z"
            lastChecked: "2024-12-04T10:00:00Z"
            dependentImages:
              - web
            currentDigest: null
            lastUpdated: null
            """);
    assertThat(plan.summary().enrolled()).containsExactly("web");
    assertThat(plan.summary().analysed()).containsExactly("web");
    assertThat(plan.summary().discoveredBases())
        .containsExactly("distroless-static-debian12-nonroot", "node-22-bookworm-slim");
  }

  @Test
  void quotesRegexMetacharactersOfTheWatchedTag() {
    StateSnapshot state =
        enroll(images(managed("py")), Map.of("py", analysed("python:3.12-slim")), T0);

    BaseImageState python = state.baseImages().get("python-3.12-slim");
    assertThat(python.fullImage()).isEqualTo("python:3.12-slim");
    assertThat(python.allowTags()).isEqualTo("^3\\.12-slim$");
    assertThat(python.repoURL()).isEqualTo("docker.io/library/python");
  }

  @Test
  void enrollsANewExternalImage() {
    EnrollmentPlan plan =
        planner.plan(
            images(external("postgres", "library/postgres", "^16-alpine$")),
            StateSnapshot.empty(),
            Map.of(),
            T0);

    assertThat(content(plan, "images/postgres.yaml"))
        .isEqualTo(
            """
            name: postgres
            enrolledAt: "2024-12-04T10:00:00Z"
            discoveryStatus: external
            enrollment:
              registry: docker.io
              repository: library/postgres
              rebuildDelay: 30d
              autoRebuild: false
            repoURL: docker.io/library/postgres
            allowTags: ^16-alpine$
            imageSelectionStrategy: Lexical
            baseImages: []
            """);
  }

  @Test
  void replanningAnUnchangedRepositoryChangesNothing() {
    Catalog catalog =
        images(managed("web"), managed("api"), external("postgres", "library/postgres", "^16$"));
    Map<String, AnalysisOutcome> outcomes =
        Map.of("web", analysed("node:22"), "api", analysed("golang:1.23", "node:22"));
    StateSnapshot state = enroll(catalog, outcomes, T0);

    EnrollmentPlan again = planner.plan(catalog, state, outcomes, T1);

    assertThat(again.isEmpty()).isTrue();
    assertThat(again.summary().unchanged()).containsExactly("api", "postgres", "web");
    assertThat(planner.plan(catalog, state, Map.of(), T2).changes()).isEmpty();
  }

  @Test
  void configurationFromImagesYamlWinsAndRuntimeDataSurvives() {
    StateSnapshot state = enroll(images(managed("web")), Map.of("web", analysed("node:22")), T0);
    ManagedImageState built = withRuntime((ManagedImageState) state.images().get("web"));
    state = new StateSnapshot(Map.of("web", built), state.baseImages());

    EnrollmentPlan plan =
        planner.plan(images(managed("web", "2w")), state, Map.of("web", analysed("node:22")), T1);

    assertThat(plan.changes()).extracting(FileChange::path).containsExactly("images/web.yaml");
    ManagedImageState after = (ManagedImageState) apply(state, plan).images().get("web");
    assertThat(after.enrollment().rebuildDelay()).isEqualTo("2w");
    assertThat(after.enrolledAt()).isEqualTo(T0);
    assertThat(after.lastDiscovery()).isEqualTo(T0);
    assertThat(after.currentDigest()).isEqualTo("sha256:built");
    assertThat(after.currentVersion()).isEqualTo("1.4.0");
    assertThat(after.lastBuilt()).isEqualTo(T0.plusSeconds(60));
    assertThat(after.rebuildState()).isEqualTo(built.rebuildState());
    assertThat(after.unknownFields()).containsEntry("owner", "team-a");
    assertThat(after.enrollment().unknownFields()).containsEntry("platforms", "linux/amd64");
  }

  @Test
  void externalBecomesManagedKeepingItsEnrollmentTimeAndDigest() {
    StateSnapshot state = enroll(images(external("tool", "example/tool", "^1$")), Map.of(), T0);
    ExternalImageState before = (ExternalImageState) state.images().get("tool");
    state =
        new StateSnapshot(
            Map.of(
                "tool",
                new ExternalImageState(
                    "tool",
                    T0,
                    DiscoveryStatus.EXTERNAL,
                    before.enrollment(),
                    before.repoURL(),
                    before.allowTags(),
                    before.imageSelectionStrategy(),
                    List.of(),
                    List.of(),
                    "1",
                    "sha256:third-party",
                    T0,
                    List.of(),
                    Map.of())),
            Map.of());
    String managedTool =
        """
          - name: tool
            registry: docker.io
            repository: example/tool
            source:
              dockerfile: tool/Dockerfile
        """;

    EnrollmentPlan plan =
        planner.plan(images(managedTool), state, Map.of("tool", analysed("alpine:3.20")), T1);

    ManagedImageState after = (ManagedImageState) apply(state, plan).images().get("tool");
    assertThat(after.enrolledAt()).isEqualTo(T0);
    assertThat(after.discoveryStatus()).isEqualTo(DiscoveryStatus.SUCCESS);
    assertThat(after.lastDiscovery()).isEqualTo(T1);
    assertThat(after.currentDigest()).isEqualTo("sha256:third-party");
    assertThat(after.baseImages()).containsExactly("alpine-3.20");
    assertThat(after.rebuildState()).isEqualTo(RebuildState.monitoring());
    assertThat(plan.summary().updated()).containsExactly("tool");
    assertThat(plan.summary().discoveredBases()).containsExactly("alpine-3.20");
  }

  @Test
  void managedBecomesExternalDroppingItsBases() {
    Catalog before = images(managed("web"), managed("api"));
    StateSnapshot state =
        enroll(
            before,
            Map.of("web", analysed("node:22", "busybox:1"), "api", analysed("node:22")),
            T0);
    String externalWeb =
        """
          - name: web
            registry: ghcr.io
            repository: example-org/web
            allowTags: ^v
        """;

    EnrollmentPlan plan =
        planner.plan(
            images(externalWeb, managed("api")), state, Map.of("api", analysed("node:22")), T1);

    StateSnapshot after = apply(state, plan);
    ExternalImageState web = (ExternalImageState) after.images().get("web");
    assertThat(web.enrolledAt()).isEqualTo(T0);
    assertThat(web.discoveryStatus()).isEqualTo(DiscoveryStatus.EXTERNAL);
    assertThat(web.repoURL()).isEqualTo("ghcr.io/example-org/web");
    assertThat(web.baseImages()).isEmpty();
    assertThat(after.baseImages()).containsOnlyKeys("node-22");
    assertThat(after.baseImages().get("node-22").dependentImages()).containsExactly("api");
    assertThat(after.baseImages().get("node-22").lastChecked()).isEqualTo(T1);
    assertThat(plan.summary().droppedBases()).containsExactly("busybox-1");
    assertThat(plan.summary().updatedBases()).containsExactly("node-22");
  }

  @Test
  void removingAnImageDeletesItsFileAndUpdatesDependents() {
    StateSnapshot state =
        enroll(
            images(managed("web"), managed("api")),
            Map.of("web", analysed("node:22", "busybox:1"), "api", analysed("node:22")),
            T0);

    EnrollmentPlan plan = planner.plan(images(managed("api")), state, Map.of(), T1);

    assertThat(plan.changes())
        .extracting(FileChange::path, FileChange::action)
        .containsExactly(
            tuple("base-images/busybox-1.yaml", Action.DELETE),
            tuple("base-images/node-22.yaml", Action.UPDATE),
            tuple("images/web.yaml", Action.DELETE));
    assertThat(apply(state, plan).baseImages().get("node-22").dependentImages())
        .containsExactly("api");
    assertThat(plan.summary().removedImages()).containsExactly("web");
    assertThat(plan.summary().droppedBases()).containsExactly("busybox-1");
    assertThat(plan.summary().notAnalysed()).containsOnlyKeys("api");
  }

  @Test
  void aBaseThatBecomesAManagedImageIsFollowedAsThatImage() {
    StateSnapshot state =
        enroll(
            images(managed("reports")),
            Map.of("reports", analysed("ghcr.io/example-org/base-python:latest")),
            T0);
    assertThat(state.baseImages()).containsOnlyKeys("example-org-base-python-latest");

    EnrollmentPlan plan =
        planner.plan(
            images(managed("base-python"), managed("reports")),
            state,
            Map.of(
                "base-python", analysed("python:3.12-slim"),
                "reports", analysed("ghcr.io/example-org/base-python:latest")),
            T1);

    StateSnapshot after = apply(state, plan);
    assertThat(after.baseImages()).containsOnlyKeys("python-3.12-slim");
    ManagedImageState reports = (ManagedImageState) after.images().get("reports");
    assertThat(reports.baseImages()).containsExactly("base-python");
    assertThat(reports.lastDiscovery()).isEqualTo(T1);
    ManagedImageState basePython = (ManagedImageState) after.images().get("base-python");
    assertThat(basePython.dependentImages()).containsExactly("reports");
    assertThat(plan.summary().droppedBases()).containsExactly("example-org-base-python-latest");
  }

  @Test
  void aBaseThatBecomesManagedIsRepointedEvenWithoutReanalysis() {
    StateSnapshot state =
        enroll(
            images(managed("reports")),
            Map.of("reports", analysed("ghcr.io/example-org/base-python:latest")),
            T0);

    EnrollmentPlan plan =
        planner.plan(
            images(managed("base-python"), managed("reports")),
            state,
            Map.of("base-python", analysed("python:3.12-slim")),
            T1);

    StateSnapshot after = apply(state, plan);
    assertThat(((ManagedImageState) after.images().get("reports")).baseImages())
        .containsExactly("base-python");
    assertThat(after.baseImages()).doesNotContainKey("example-org-base-python-latest");
  }

  @Test
  void aFailedAnalysisKeepsThePreviousBasesWatched() {
    StateSnapshot state = enroll(images(managed("web")), Map.of("web", analysed("node:22")), T0);
    String reason = "apps/web/Dockerfile:3: unknown instruction: FORM";

    EnrollmentPlan plan =
        planner.plan(
            images(managed("web")), state, Map.of("web", AnalysisOutcome.failure(reason)), T1);

    assertThat(plan.changes()).extracting(FileChange::path).containsExactly("images/web.yaml");
    ManagedImageState web = (ManagedImageState) apply(state, plan).images().get("web");
    assertThat(web.discoveryStatus()).isEqualTo(DiscoveryStatus.FAILED);
    assertThat(web.discoveryError()).isEqualTo(reason);
    assertThat(web.baseImages()).containsExactly("node-22");
    assertThat(web.lastDiscovery()).isEqualTo(T1);
    assertThat(plan.summary().failed()).containsEntry("web", reason);

    StateSnapshot failed = apply(state, plan);
    assertThat(
            planner
                .plan(
                    images(managed("web")),
                    failed,
                    Map.of("web", AnalysisOutcome.failure(reason)),
                    T2)
                .isEmpty())
        .isTrue();
    EnrollmentPlan fixed =
        planner.plan(images(managed("web")), failed, Map.of("web", analysed("node:23")), T2);
    StateSnapshot recovered = apply(failed, fixed);
    ManagedImageState again = (ManagedImageState) recovered.images().get("web");
    assertThat(again.discoveryStatus()).isEqualTo(DiscoveryStatus.SUCCESS);
    assertThat(again.discoveryError()).isNull();
    assertThat(again.baseImages()).containsExactly("node-23");
    assertThat(recovered.baseImages()).containsOnlyKeys("node-23");
  }

  @Test
  void takesTheOutcomesAnAnalysisActivityReports() {
    DockerfileAnalysis found =
        new DockerfileAnalysis(List.of(PlannerFixtures.reference("node:22")), List.of("w"));

    assertThat(AnalysisOutcome.of(ImageAnalysis.success("web", found, "abc123")))
        .isEqualTo(new AnalysisOutcome.Success(found, List.of(), "abc123"));
    assertThat(AnalysisOutcome.of(ImageAnalysis.failure("web", "Dockerfile:1: bad")))
        .isEqualTo(AnalysisOutcome.failure("Dockerfile:1: bad"));
  }

  @Test
  void aFailedFirstAnalysisLeavesNoBases() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("web")),
            StateSnapshot.empty(),
            Map.of("web", AnalysisOutcome.failure("apps/web/Dockerfile: not found")),
            T0);

    ManagedImageState web =
        (ManagedImageState) apply(StateSnapshot.empty(), plan).images().get("web");
    assertThat(web.discoveryStatus()).isEqualTo(DiscoveryStatus.FAILED);
    assertThat(web.baseImages()).isEmpty();
  }

  @Test
  void detectsACycleAndNeverWritesIt() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("a"), managed("b"), managed("c")),
            StateSnapshot.empty(),
            Map.of(
                "a", analysed("ghcr.io/example-org/b:1", "alpine:3"),
                "b", analysed("ghcr.io/example-org/a:1"),
                "c", analysed("ghcr.io/example-org/a:1")),
            T0);

    StateSnapshot after = apply(StateSnapshot.empty(), plan);
    ManagedImageState a = (ManagedImageState) after.images().get("a");
    ManagedImageState b = (ManagedImageState) after.images().get("b");
    assertThat(a.discoveryStatus()).isEqualTo(DiscoveryStatus.FAILED);
    assertThat(a.discoveryError()).isEqualTo("dependency cycle: a -> b -> a");
    assertThat(b.discoveryError()).isEqualTo("dependency cycle: b -> a -> b");
    assertThat(a.baseImages()).containsExactly("alpine-3");
    assertThat(b.baseImages()).isEmpty();
    assertThat(a.dependentImages()).containsExactly("c");
    assertThat(((ManagedImageState) after.images().get("c")).discoveryStatus())
        .isEqualTo(DiscoveryStatus.SUCCESS);
    assertThat(plan.summary().cycles()).containsExactly("a -> b -> a");
    assertThat(plan.summary().failed()).containsOnlyKeys("a", "b");
  }

  @Test
  void detectsAnImageBuiltOnItself() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("tool")),
            StateSnapshot.empty(),
            Map.of("tool", analysed("ghcr.io/example-org/tool:previous")),
            T0);

    assertThat(plan.summary().failed()).containsEntry("tool", "dependency cycle: tool -> tool");
    assertThat(plan.summary().cycles()).containsExactly("tool -> tool");
  }

  @Test
  void reportsALongerCycleOnceFromItsSmallestImage() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("x"), managed("y"), managed("z")),
            StateSnapshot.empty(),
            Map.of(
                "x", analysed("ghcr.io/example-org/y:1"),
                "y", analysed("ghcr.io/example-org/z:1"),
                "z", analysed("ghcr.io/example-org/x:1")),
            T0);

    assertThat(plan.summary().cycles()).containsExactly("x -> y -> z -> x");
    assertThat(plan.summary().failed()).containsEntry("y", "dependency cycle: y -> z -> x -> y");
  }

  @Test
  void recordsPinnedBasesAndSharesTheBaseOfATag() {
    String digest = "sha256:" + "a".repeat(64);
    StateSnapshot state =
        enroll(
            images(managed("web"), managed("api")),
            Map.of(
                "web", analysed("node:22@" + digest, "busybox@" + digest),
                "api", analysed("node:22")),
            T0);

    ManagedImageState web = (ManagedImageState) state.images().get("web");
    assertThat(web.baseImages()).containsExactly("node-22", "busybox-sha256-aaaaaaaaaaaa");
    assertThat(web.pinnedBaseImages()).containsExactly("node-22", "busybox-sha256-aaaaaaaaaaaa");
    assertThat(((ManagedImageState) state.images().get("api")).pinnedBaseImages()).isEmpty();
    assertThat(state.baseImages().get("node-22").dependentImages()).containsExactly("api", "web");
    assertThat(state.baseImages().get("node-22").digest()).isNull();
    BaseImageState busybox = state.baseImages().get("busybox-sha256-aaaaaaaaaaaa");
    assertThat(busybox.fullImage()).isEqualTo("busybox@" + digest);
    assertThat(busybox.tag()).isNull();
    assertThat(busybox.digest()).isEqualTo(digest);
    assertThat(busybox.allowTags()).isNull();
    assertThat(busybox.imageSelectionStrategy()).isNull();
  }

  @Test
  void aBaseUsedPinnedAndUnpinnedIsNotPinned() {
    StateSnapshot state =
        enroll(
            images(managed("web")),
            Map.of("web", analysed("node:22@sha256:" + "b".repeat(64), "node:22")),
            T0);

    ManagedImageState web = (ManagedImageState) state.images().get("web");
    assertThat(web.baseImages()).containsExactly("node-22");
    assertThat(web.pinnedBaseImages()).isEmpty();
  }

  @Test
  void aRemoteImageNotAnalysedIsPendingAndAKnownOneKeepsItsState() {
    StateSnapshot state = enroll(images(managed("web")), Map.of("web", analysed("node:22")), T0);

    EnrollmentPlan plan =
        planner.plan(
            images(managed("web"), managed("remote")),
            state,
            Map.of(
                "web", AnalysisOutcome.notAnalysed("source repository not fetched offline"),
                "remote", AnalysisOutcome.notAnalysed("source repository not fetched offline")),
            T1);

    assertThat(plan.changes()).extracting(FileChange::path).containsExactly("images/remote.yaml");
    ManagedImageState remote = (ManagedImageState) apply(state, plan).images().get("remote");
    assertThat(remote.discoveryStatus()).isEqualTo(DiscoveryStatus.PENDING);
    assertThat(remote.lastDiscovery()).isNull();
    assertThat(remote.baseImages()).isEmpty();
    assertThat(plan.summary().notAnalysed()).containsOnlyKeys("remote", "web");
  }

  @Test
  void existingBasesKeepTheirNamesAndNewOnesNeverTakeThem() {
    BaseImageState renamed =
        new BaseImageState(
            "node-lts",
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
            List.of("web"),
            "sha256:seen",
            T0,
            List.of(),
            null,
            List.of(),
            Map.of("note", "kept"));
    BaseImageState other =
        new BaseImageState(
            "node-23",
            "example.com/node:23",
            "example.com",
            "node",
            "23",
            null,
            "example.com/node",
            "^23$",
            "Digest",
            T0,
            T0,
            null,
            List.of("web"),
            null,
            null,
            List.of(),
            null,
            List.of(),
            Map.of());
    StateSnapshot state =
        new StateSnapshot(Map.of(), Map.of("node-lts", renamed, "node-23", other));

    EnrollmentPlan plan =
        planner.plan(
            images(managed("web")), state, Map.of("web", analysed("node:22", "node:23")), T1);

    StateSnapshot after = apply(state, plan);
    ManagedImageState web = (ManagedImageState) after.images().get("web");
    assertThat(web.baseImages()).hasSize(2).startsWith("node-lts");
    assertThat(web.baseImages().get(1)).matches("node-23-[0-9a-f]{8}");
    assertThat(after.baseImages().get("node-lts")).isEqualTo(renamed);
    assertThat(plan.summary().droppedBases()).containsExactly("node-23");
  }

  @Test
  void aBaseProposedUnderSeveralNamesGetsThePlainOne() {
    BaseImageReference hashed =
        new BaseImageReference(
            "docker.io/library/node:22@sha256:" + "c".repeat(64),
            "node-22-0a1b2c3d",
            "docker.io",
            "library/node",
            "22",
            "sha256:" + "c".repeat(64),
            "FROM",
            1,
            "0",
            true);
    AnalysisOutcome first =
        AnalysisOutcome.success(new DockerfileAnalysis(List.of(hashed), List.of()));

    StateSnapshot state =
        enroll(
            images(managed("a"), managed("b")), Map.of("a", first, "b", analysed("node:22")), T0);

    assertThat(state.baseImages()).containsOnlyKeys("node-22");
    assertThat(((ManagedImageState) state.images().get("a")).pinnedBaseImages())
        .containsExactly("node-22");
  }

  @Test
  void lastCheckedMovesOnlyWhenTheBaseChanges() {
    Catalog two = images(managed("web"), managed("api"));
    StateSnapshot state =
        enroll(two, Map.of("web", analysed("node:22"), "api", analysed("alpine:3")), T0);

    EnrollmentPlan plan =
        planner.plan(
            two, state, Map.of("web", analysed("node:22"), "api", analysed("node:22")), T1);

    StateSnapshot after = apply(state, plan);
    assertThat(after.baseImages().get("node-22").lastChecked()).isEqualTo(T1);
    assertThat(after.baseImages().get("node-22").firstDiscovered()).isEqualTo(T0);
    assertThat(((ManagedImageState) after.images().get("web")).lastDiscovery()).isEqualTo(T0);
    assertThat(((ManagedImageState) after.images().get("api")).lastDiscovery()).isEqualTo(T1);
  }

  @Test
  void aTagThatAnExternalImageFollowsIsAnEdgeToIt() {
    Catalog catalog =
        images(
            external("postgres", "library/postgres", "^16-alpine$"), managed("db"), managed("old"));

    StateSnapshot state =
        enroll(
            catalog,
            Map.of("db", analysed("postgres:16-alpine"), "old", analysed("postgres:15")),
            T0);

    assertThat(((ManagedImageState) state.images().get("db")).baseImages())
        .containsExactly("postgres");
    assertThat(((ExternalImageState) state.images().get("postgres")).dependentImages())
        .containsExactly("db");
    assertThat(state.baseImages()).containsOnlyKeys("postgres-15");
  }

  @Test
  void leavesAnUnreadableStateFileUntouched() {
    StateSnapshot state =
        reader.read(
            Map.of(
                "images/web.yaml", "name: web\nenrolledAt: [\n".getBytes(),
                "base-images/node-22.yaml", "name: node-22\n".getBytes()));

    EnrollmentPlan plan =
        planner.plan(
            images(managed("web"), managed("api")),
            state,
            Map.of("web", analysed("node:22"), "api", analysed("node:22")),
            T0);

    assertThat(plan.changes())
        .extracting(FileChange::path)
        .containsExactly(
            StateFileStore.baseImagePath(
                BaseImageNames.withHashSuffix("node-22", "docker.io/library/node:22")),
            "images/api.yaml")
        .doesNotContain("images/web.yaml", "base-images/node-22.yaml");
    assertThat(plan.summary().failed())
        .containsEntry("web", "images/web.yaml could not be read; fix or delete it");
    assertThat(plan.summary().problems()).hasSize(2);
  }

  @Test
  void neverWritesImagesYaml() {
    EnrollmentPlan plan =
        planner.plan(
            images(managed("web")), StateSnapshot.empty(), Map.of("web", analysed("node:22")), T0);

    assertThat(plan.changes())
        .extracting(FileChange::path)
        .allMatch(path -> path.startsWith("images/") || path.startsWith("base-images/"));
  }

  private StateSnapshot enroll(Catalog catalog, Map<String, AnalysisOutcome> outcomes, Instant at) {
    return apply(StateSnapshot.empty(), planner.plan(catalog, StateSnapshot.empty(), outcomes, at));
  }

  private StateSnapshot apply(StateSnapshot state, EnrollmentPlan plan) {
    StateSnapshot after = reader.apply(state, plan.changes());
    assertThat(after.problems()).isEqualTo(state.problems());
    return after;
  }

  private static String content(EnrollmentPlan plan, String path) {
    return plan.changes().stream()
        .filter(change -> change.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no change to " + path))
        .text();
  }

  private static ManagedImageState withRuntime(ManagedImageState state) {
    return new ManagedImageState(
        state.name(),
        state.enrolledAt(),
        state.lastDiscovery(),
        state.discoveryStatus(),
        state.discoveryError(),
        state.buildErrors(),
        new Enrollment(
            state.enrollment().registry(),
            state.enrollment().repository(),
            state.enrollment().source(),
            state.enrollment().rebuildDelay(),
            state.enrollment().autoRebuild(),
            null,
            null,
            null,
            null,
            null,
            Map.of("platforms", "linux/amd64")),
        state.baseImages(),
        state.pinnedBaseImages(),
        state.dependentImages(),
        "1.4.0",
        "sha256:built",
        T0.plusSeconds(60),
        new RebuildState(
            "waiting",
            false,
            T1,
            List.of(new PendingDigest("node-22", "sha256:new", T0)),
            null,
            List.of(),
            List.of()),
        Map.of("owner", "team-a"));
  }
}
