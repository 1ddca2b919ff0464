package io.imagefactory.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagefactory.RecordingActivities;
import io.imagefactory.WorkflowIds;
import io.imagefactory.WorkflowTestEnvironment;
import io.imagefactory.argocd.ArgoCdActivities;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.AnalysisTarget;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageKind;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.staterepo.BasesWatchedChange;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.StateChangeBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class EnrollmentWorkflowImplTest {

  /** A catalog of fixed content, and Dockerfiles that analyse to one base each (or fail). */
  public static class FixedCatalog implements CatalogActivities, DockerfileActivities {
    CatalogView view;
    EntityPlan plan;
    Map<String, List<String>> buildProblems = Map.of();
    final List<AnalysisGroup> analysed = new CopyOnWriteArrayList<>();

    /** The state the entity workflows are ensured from. */
    public EntityPlan plan() {
      return plan;
    }

    @Override
    public CatalogView readCatalog(EnrollmentRequest request) {
      return view;
    }

    @Override
    public EntityPlan readEntities(String commitId) {
      throw new AssertionError("the entity activities read the setups themselves");
    }

    @Override
    public List<ImageAnalysis> analyzeGroup(AnalysisGroup group) {
      analysed.add(group);
      List<ImageAnalysis> result = new ArrayList<>();
      for (AnalysisTarget target : group.targets()) {
        if (target.dockerfile().contains("broken")) {
          result.add(ImageAnalysis.failure(target.image(), target.dockerfile() + ":1: no FROM"));
        } else {
          BaseImageReference node =
              new BaseImageReference(
                  "docker.io/library/node:22",
                  "node-22",
                  "docker.io",
                  "library/node",
                  "22",
                  null,
                  "FROM",
                  1,
                  "0",
                  false);
          result.add(
              ImageAnalysis.success(
                      target.image(), new DockerfileAnalysis(List.of(node), List.of()), "abc")
                  .withBuildProblems(buildProblems.getOrDefault(target.image(), List.of())));
        }
      }
      return result;
    }
  }

  /** The catalog of {@link #analysesCommitsAndStartsAnEntityPerImageAndBase}. */
  public static FixedCatalog sampleCatalog() {
    FixedCatalog catalog = new FixedCatalog();
    catalog.view =
        new CatalogView(
            "c0",
            List.of(),
            List.of(group("org/a", "api", "web"), group("org/b", "broken"), group(null, "site")),
            List.of("worker"),
            List.of("postgres"),
            List.of("api", "gone"),
            List.of("node-22", "old-base"));
    catalog.plan =
        new EntityPlan(
            List.of(image("api"), image("web"), image("site")),
            List.of(nodeBase()),
            List.of("node-22"));
    return catalog;
  }

  private static BaseSetup nodeBase() {
    return new BaseSetup(
        "node-22",
        "docker.io/library/node",
        "22",
        List.of("api"),
        null,
        null,
        List.of(),
        0,
        null,
        null,
        List.of());
  }

  private final RecordingActivities recording = new RecordingActivities();
  private FixedCatalog catalog = new FixedCatalog();
  private WorkflowTestEnvironment temporal;

  @AfterEach
  void stop() {
    if (temporal != null) {
      temporal.close();
    }
  }

  private EnrollmentResult enroll() {
    recording.plan = catalog.plan == null ? recording.plan : catalog.plan;
    temporal = new WorkflowTestEnvironment(recording, catalog, new NoCluster());
    return temporal
        .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
        .run(EnrollmentRequest.of("test"));
  }

  private static AnalysisGroup group(String repo, String... images) {
    List<AnalysisTarget> targets = new ArrayList<>();
    for (String image : images) {
      targets.add(new AnalysisTarget(image, "main", image + "/Dockerfile", null, null, null, null));
    }
    return new AnalysisGroup(repo, null, targets);
  }

  private static ImageSetup image(String name) {
    return image(name, List.of());
  }

  private static ImageSetup image(String name, List<String> buildErrors) {
    return new ImageSetup(
        new ImageConfig(
            name,
            ImageKind.MANAGED,
            Duration.ofDays(7),
            true,
            List.of("node-22"),
            List.of(),
            List.of(),
            null,
            Map.of(),
            false,
            buildErrors,
            null,
            null,
            null,
            null),
        ImageRuntime.empty());
  }

  @Test
  void analysesCommitsAndStartsAnEntityPerImageAndBase() {
    catalog = sampleCatalog();
    BaseSetup node = nodeBase();

    EnrollmentResult result = enroll();

    assertThat(catalog.analysed).hasSize(3);
    EnrollmentChange change = (EnrollmentChange) recording.submitted.get(0).changes().get(0);
    assertThat(change.analyses())
        .extracting(ImageAnalysis::image)
        .containsExactlyInAnyOrder("api", "web", "broken", "site");
    assertThat(recording.ensuredImages.get(0)).hasSize(3);
    assertThat(recording.ensuredBases.get(0)).containsExactly(node);
    assertThat(recording.retiredImages).containsExactly("gone");
    assertThat(recording.retiredBases).containsExactly("old-base");
    assertThat(result.errors()).isEmpty();
    assertThat(result.committed()).isTrue();
    assertThat(result.images())
        .extracting(ImageOutcome::image, ImageOutcome::status)
        .contains(
            org.assertj.core.groups.Tuple.tuple("api", "analysed"),
            org.assertj.core.groups.Tuple.tuple("broken", "failed"),
            org.assertj.core.groups.Tuple.tuple("worker", "unchanged"),
            org.assertj.core.groups.Tuple.tuple("postgres", "external"),
            org.assertj.core.groups.Tuple.tuple("gone", "removed"));
  }

  @Test
  void aStateProblemTheCommitFoundReachesTheResult() {
    catalog = sampleCatalog();
    String problem =
        "not watched by Kargo: base-images/node-22.yaml: base image 'node-22', field tag: 'x y'"
            + " is not a valid image tag";
    recording.stateProblems = List.of(problem);

    EnrollmentResult result = enroll();

    assertThat(result.committed()).isTrue();
    assertThat(result.stateProblems()).containsExactly(problem);
  }

  @Test
  void imagesNotAnalysedAgainAreReportedStartedOrUpdatedWhenTheirWorkflowWasCalled() {
    catalog = sampleCatalog();
    catalog.view =
        new CatalogView(
            "c0",
            List.of(),
            List.of(),
            List.of("worker", "cache", "docs"),
            List.of(),
            List.of("worker", "cache", "docs"),
            List.of("node-22"));
    catalog.plan =
        new EntityPlan(
            List.of(image("worker"), image("cache"), image("docs")),
            List.of(nodeBase()),
            List.of());
    recording.startedImages = List.of("worker");
    recording.updatedImages = List.of("cache");

    EnrollmentResult result = enroll();

    assertThat(result.images())
        .extracting(ImageOutcome::image, ImageOutcome::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("worker", ImageOutcome.STARTED),
            org.assertj.core.groups.Tuple.tuple("cache", ImageOutcome.UPDATED),
            org.assertj.core.groups.Tuple.tuple("docs", ImageOutcome.UNCHANGED));
  }

  @Test
  void anImageWithAnInvalidRebuildTargetIsAnalysedAndReportedWithTheErrorsOfItsStateFile() {
    String undeclared =
        "images.yaml: image 'web': field 'source.workflowInputs.environment':"
            + " .github/workflows/build.yml declares no input 'environment'";
    String unknownBase =
        "images.yaml: image 'web': field 'source.workflowInputs.base_image':"
            + " ${base.node-20.ref} in input 'base_image' names no base of this image";
    catalog = sampleCatalog();
    catalog.buildProblems = Map.of("web", List.of(undeclared));
    catalog.plan =
        new EntityPlan(
            List.of(image("api"), image("web", List.of(unknownBase, undeclared)), image("site")),
            List.of(nodeBase()),
            List.of("node-22"));

    EnrollmentResult result = enroll();

    EnrollmentChange change = (EnrollmentChange) recording.submitted.get(0).changes().get(0);
    assertThat(change.analyses())
        .filteredOn(a -> a.image().equals("web"))
        .singleElement()
        .satisfies(web -> assertThat(web.buildProblems()).containsExactly(undeclared));
    assertThat(result.images())
        .filteredOn(o -> o.image().equals("web"))
        .containsExactly(
            new ImageOutcome(
                "web", ImageOutcome.INVALID, "node-22", List.of(unknownBase, undeclared)));
    assertThat(result.images())
        .filteredOn(o -> o.image().equals("api"))
        .containsExactly(new ImageOutcome("api", "analysed", "node-22", List.of()));
    assertThat(recording.ensuredImages.get(0)).hasSize(3);
  }

  /** The Argo CD wait of a worker without a cluster: it answers at once that it skipped. */
  public static class NoCluster implements ArgoCdActivities {
    @Override
    public AwaitSyncResult awaitSync(AwaitSyncRequest request) {
      return new AwaitSyncResult(
          AwaitSyncResult.Status.SKIPPED_NO_CLUSTER, "no Kubernetes cluster configured", null);
    }
  }

  /** Commits that change the rendered manifests, and an Argo CD that answers as told. */
  public static class DeployingActivities extends RecordingActivities implements ArgoCdActivities {
    final AwaitSyncResult.Status answer;
    final List<AwaitSyncRequest> waits = new CopyOnWriteArrayList<>();

    public DeployingActivities(AwaitSyncResult.Status answer) {
      this.answer = answer;
    }

    @Override
    protected CommitResult committed(Map<String, String> rejected) {
      return new CommitResult("c1", true, true, rejected);
    }

    @Override
    public AwaitSyncResult awaitSync(AwaitSyncRequest request) {
      waits.add(request);
      return new AwaitSyncResult(answer, "as told", request.revision());
    }
  }

  @Test
  void aDeployedCommitMarksItsNewBasesWatched() {
    DeployingActivities deploying = new DeployingActivities(AwaitSyncResult.Status.SYNCED);
    deploying.plan = sampleCatalog().plan;
    temporal = new WorkflowTestEnvironment(deploying, sampleCatalog());
    EnrollmentResult result =
        temporal
            .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
            .run(EnrollmentRequest.of("test"));

    assertThat(deploying.waits).extracting(AwaitSyncRequest::revision).containsExactly("c1");
    assertThat(deploying.waits.get(0).application()).isNull();
    assertThat(result.deployment()).contains("SYNCED");
    assertThat(deploying.submitted)
        .flatExtracting(StateChangeBatch::changes)
        .filteredOn(c -> c instanceof BasesWatchedChange)
        .extracting(c -> ((BasesWatchedChange) c).baseImages())
        .containsExactly(List.of("node-22"));
  }

  /**
   * The crash suite's case: the first attempt's push landed but its worker died before it knew, so
   * the retry finds nothing to change. Its bases are still unwatched, so it waits all the same.
   */
  @Test
  void anEnrollmentThatChangesNothingStillWaitsForItsUnwatchedBasesAndMarksThem() {
    DeployingActivities deploying =
        new DeployingActivities(AwaitSyncResult.Status.SYNCED) {
          @Override
          protected CommitResult committed(Map<String, String> rejected) {
            return new CommitResult("tip", false, false, rejected);
          }
        };
    deploying.plan = sampleCatalog().plan;
    temporal = new WorkflowTestEnvironment(deploying, sampleCatalog());
    EnrollmentResult result =
        temporal
            .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
            .run(EnrollmentRequest.of("retry"));

    assertThat(result.committed()).isFalse();
    assertThat(deploying.waits).extracting(AwaitSyncRequest::revision).containsExactly("tip");
    assertThat(result.deployment()).contains("SYNCED");
    assertThat(deploying.submitted)
        .flatExtracting(StateChangeBatch::changes)
        .filteredOn(c -> c instanceof BasesWatchedChange)
        .extracting(c -> ((BasesWatchedChange) c).baseImages())
        .containsExactly(List.of("node-22"));
  }

  @Test
  void anEnrollmentThatChangesNothingWithEveryBaseWatchedDoesNotWait() {
    DeployingActivities deploying =
        new DeployingActivities(AwaitSyncResult.Status.SYNCED) {
          @Override
          protected CommitResult committed(Map<String, String> rejected) {
            return new CommitResult("tip", false, false, rejected);
          }
        };
    FixedCatalog catalog = sampleCatalog();
    deploying.plan = new EntityPlan(catalog.plan.images(), catalog.plan.bases(), List.of());
    temporal = new WorkflowTestEnvironment(deploying, catalog);
    EnrollmentResult result =
        temporal
            .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
            .run(EnrollmentRequest.of("again"));

    assertThat(deploying.waits).isEmpty();
    assertThat(result.deployment()).isEqualTo("nothing to deploy");
  }

  @Test
  void aDegradedDeploymentIsReportedAndMarksNothingWatched() {
    DeployingActivities deploying = new DeployingActivities(AwaitSyncResult.Status.DEGRADED);
    deploying.plan = sampleCatalog().plan;
    temporal = new WorkflowTestEnvironment(deploying, sampleCatalog());
    EnrollmentResult result =
        temporal
            .newStub(EnrollmentWorkflow.class, WorkflowIds.ENROLLMENT)
            .run(EnrollmentRequest.of("test"));

    assertThat(result.deployment()).isEqualTo("Argo CD: DEGRADED (as told)");
    assertThat(deploying.submitted)
        .flatExtracting(StateChangeBatch::changes)
        .noneMatch(c -> c instanceof BasesWatchedChange);
  }

  @Test
  void anInvalidCatalogChangesNothing() {
    catalog.view =
        new CatalogView(
            "c0",
            List.of("images.yaml:3:5: image 'API': field 'name': must be lower case"),
            List.of(group("org/a", "api")),
            List.of(),
            List.of(),
            List.of("api", "web"),
            List.of("node-22"));

    EnrollmentResult result = enroll();

    assertThat(result.errors()).hasSize(1);
    assertThat(catalog.analysed).isEmpty();
    assertThat(recording.submitted).isEmpty();
    assertThat(recording.retiredImages).isEmpty();
  }

  @Test
  void queuedRequestsMergeIntoOneMorePass() {
    EnrollmentRequest merged =
        EnrollmentRequests.merge(
            List.of(
                new EnrollmentRequest("image a rebuilt", List.of("a"), false),
                new EnrollmentRequest("image b rebuilt", List.of("b", "a"), false),
                new EnrollmentRequest("cli", List.of(), true)));
    assertThat(merged.reanalyze()).containsExactly("a", "b");
    assertThat(merged.reanalyzeAll()).isTrue();
    assertThat(merged.reason()).isEqualTo("image a rebuilt; image b rebuilt; cli");
    assertThat(merged.reanalyzeMoved()).isFalse();
    assertThat(
            EnrollmentRequests.merge(
                    List.of(
                        EnrollmentRequest.of("git push"), EnrollmentRequest.drift("drift check")))
                .reanalyzeMoved())
        .as("a drift check queued behind a push is not lost")
        .isTrue();
  }
}
