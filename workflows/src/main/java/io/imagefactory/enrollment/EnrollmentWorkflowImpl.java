package io.imagefactory.enrollment;

import io.imagefactory.UiSummaries;
import io.imagefactory.argocd.ArgoCdActivities;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.catalog.CatalogActivities;
import io.imagefactory.catalog.CatalogView;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.BasesWatchedChange;
import io.imagefactory.staterepo.CommitOutcome;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One enrollment: read and validate {@code images.yaml}, analyse the managed images that need it
 * (a few repositories at a time), hand the result to the single writer — which plans it afresh on
 * the tip, so a concurrent edit is never lost — then start the entity workflows (one per image
 * and base) that are not running, reconfigure those whose setup changed, retire those that left,
 * and wait for Argo CD. An invalid {@code images.yaml} changes nothing: a typo must never unenroll
 * every image.
 */
public class EnrollmentWorkflowImpl implements EnrollmentWorkflow {

  private static final Logger log = Workflow.getLogger(EnrollmentWorkflowImpl.class);
  private static final int PARALLEL_REPOSITORIES = 4;

  private static final ActivityOptions CATALOG =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build();

  private static final ActivityOptions ANALYSIS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(15))
          .setHeartbeatTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(5)
                  .build())
          .build();

  // The enrollment needs the commit before it goes on, so it waits for the writer's answer.
  private final StateRepoOutbox stateRepo = new StateRepoOutbox();

  // One heartbeating activity polls Argo CD; its deadline survives retries in the heartbeat.
  private static final ActivityOptions ARGO_CD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry("ArgoCdAccessDenied", "InvalidAwaitSyncRequest")
                  .build())
          .build();

  private static final ActivityOptions ENTITIES =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build();

  private final List<EnrollmentRequest> further = new ArrayList<>();
  private final List<ImageOutcome> outcomes = new ArrayList<>();
  private String phase = "starting";
  private int total;

  @Override
  public EnrollmentResult run(EnrollmentRequest request) {
    EnrollmentResult result = enroll(request);
    if (!further.isEmpty()) {
      Workflow.continueAsNew(EnrollmentRequests.merge(further));
    }
    return result;
  }

  private EnrollmentResult enroll(EnrollmentRequest request) {
    setPhase("reading images.yaml (" + request.reason() + ")");
    CatalogView view =
        UiSummaries.activities(
                CatalogActivities.class,
                CATALOG,
                "read images.yaml and the state files at the tip (" + request.reason() + ")")
            .readCatalog(request);
    if (!view.errors().isEmpty()) {
      setPhase("images.yaml is invalid; nothing changed");
      return new EnrollmentResult(view.commitId(), false, List.of(), view.errors(), "not waited");
    }
    view.unchangedImages()
        .forEach(i -> outcomes.add(new ImageOutcome(i, "unchanged", "", List.of())));
    view.externalImages()
        .forEach(i -> outcomes.add(new ImageOutcome(i, "external", "", List.of())));

    List<ImageAnalysis> analyses = analyse(view.analysisGroups());

    setPhase("committing");
    CommitOutcome commit =
        stateRepo.commit(List.of(new EnrollmentChange(analyses, now())));
    if (!commit.applied()) {
      setPhase("commit rejected");
      return new EnrollmentResult(view.commitId(), false, outcomes, List.of(commit.error()), "not waited");
    }

    setPhase("starting entity workflows");
    EntitiesEnsured ensured =
        UiSummaries.activities(
                EntityActivities.class,
                ENTITIES,
                "start or reconfigure the image and base workflows of "
                    + UiSummaries.shortCommit(commit.commitId()))
            .ensureEntities(
            new EnsureEntitiesRequest(view.commitId(), commit.commitId(), request.reanalyzeAll()));
    log.info(
        "enrollment: {} entity workflow(s) started, {} reconfigured, {} unchanged",
        ensured.started(),
        ensured.reconfigured(),
        ensured.unchanged());
    markInvalidTargets(ensured);
    retireRemoved(view, ensured);

    String deployment = awaitDeployment(commit, ensured.unwatchedBases());
    setPhase("done; " + deployment);
    return new EnrollmentResult(commit.commitId(), commit.changed(), outcomes, List.of(), deployment);
  }

  /**
   * Waits for Argo CD to deploy a commit that changed the rendered manifests; once it has, the
   * bases that commit added are watched by Kargo, and their state files say so. An enrollment
   * that changed nothing still waits while bases are unwatched: an earlier wait may have timed
   * out, or a worker may have died between its push and the wait, and the tip holds their
   * Warehouses either way.
   */
  private String awaitDeployment(CommitOutcome commit, List<String> unwatchedBases) {
    if (!commit.derivedChanged() && unwatchedBases.isEmpty()) {
      return "nothing to deploy";
    }
    setPhase(
        "waiting for Argo CD to deploy "
            + commit.commitId()
            + (unwatchedBases.isEmpty() ? "" : " (" + unwatchedBases.size() + " base(s) unwatched)"));
    ArgoCdActivities argoCd =
        UiSummaries.activities(
            ArgoCdActivities.class,
            ARGO_CD,
            "wait for Argo CD to sync "
                + UiSummaries.shortCommit(commit.commitId())
                + (unwatchedBases.isEmpty()
                    ? ""
                    : "; then mark " + unwatchedBases.size() + " base(s) watched"));
    AwaitSyncResult sync = argoCd.awaitSync(AwaitSyncRequest.forRevision(commit.commitId()));
    String deployment = "Argo CD: " + sync.status() + " (" + sync.message() + ")";
    if (sync.deployed() && !unwatchedBases.isEmpty()) {
      stateRepo.commit(List.of(new BasesWatchedChange(unwatchedBases)));
    }
    return deployment;
  }

  private List<ImageAnalysis> analyse(List<AnalysisGroup> groups) {
    total = groups.stream().mapToInt(g -> g.targets().size()).sum();
    setPhase("analysing " + total + " image(s) in " + groups.size() + " repository(ies)");
    List<ImageAnalysis> analyses = new ArrayList<>();
    for (int start = 0; start < groups.size(); start += PARALLEL_REPOSITORIES) {
      List<Promise<List<ImageAnalysis>>> window = new ArrayList<>();
      for (AnalysisGroup group :
          groups.subList(start, Math.min(groups.size(), start + PARALLEL_REPOSITORIES))) {
        DockerfileActivities dockerfiles =
            UiSummaries.activities(DockerfileActivities.class, ANALYSIS, analysisSummary(group));
        window.add(Async.function(dockerfiles::analyzeGroup, group));
      }
      for (Promise<List<ImageAnalysis>> done : window) {
        for (ImageAnalysis analysis : done.get()) {
          analyses.add(analysis);
          outcomes.add(EnrollmentRequests.outcomeOf(analysis));
        }
      }
    }
    return analyses;
  }

  private static String analysisSummary(AnalysisGroup group) {
    String repo =
        group.repo() == null ? "the state repository" : UiSummaries.withoutUserInfo(group.repo());
    return "analyse " + group.targets().size() + " Dockerfile(s) in " + repo;
  }

  /**
   * The state files have the last word on rebuild targets: the commit checked the placeholders
   * against the names the bases finally got, which the analysis alone cannot know.
   */
  private void markInvalidTargets(EntitiesEnsured ensured) {
    Set<String> enrolled = new HashSet<>(ensured.images());
    Map<String, List<String>> errors = ensured.buildErrors();
    // Null for an image without a state file, which leaves its outcome as it is.
    outcomes.replaceAll(
        o ->
            EnrollmentRequests.withBuildErrors(
                o,
                enrolled.contains(o.image()) ? errors.getOrDefault(o.image(), List.of()) : null));
  }

  private void retireRemoved(CatalogView view, EntitiesEnsured ensured) {
    Set<String> images = new LinkedHashSet<>(view.previousImages());
    ensured.images().forEach(images::remove);
    Set<String> bases = new LinkedHashSet<>(view.previousBases());
    ensured.bases().forEach(bases::remove);
    if (!images.isEmpty() || !bases.isEmpty()) {
      UiSummaries.activities(
              EntityActivities.class,
              ENTITIES,
              "retire "
                  + images.size()
                  + " image(s) and "
                  + bases.size()
                  + " base(s) that left images.yaml")
          .retireEntities(List.copyOf(images), List.copyOf(bases));
      images.forEach(i -> outcomes.add(new ImageOutcome(i, "removed", "", List.of())));
    }
  }

  private void setPhase(String next) {
    phase = next;
    Workflow.setCurrentDetails(next);
    log.info("enrollment: {}", next);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public void requestRun(EnrollmentRequest request) {
    further.add(request);
  }

  @Override
  public void acknowledged(Acknowledgement acknowledgement) {
    stateRepo.acknowledged(acknowledgement);
  }

  @Override
  public EnrollmentProgress progress() {
    return new EnrollmentProgress(phase, total, outcomes);
  }
}
