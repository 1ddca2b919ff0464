package io.imagefactory.enrollment;

import io.imagefactory.FailureCauses;
import io.imagefactory.UiSummaries;
import io.imagefactory.argocd.ArgoCdActivities;
import io.imagefactory.argocd.ArgoCdFailures;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.BasesWatchedChange;
import io.imagefactory.staterepo.CommitOutcome;
import io.imagefactory.staterepo.EnrollmentChange;
import io.imagefactory.staterepo.StateRepoOutbox;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
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
 * One enrollment: read and validate {@code images.yaml}, analyse the managed images that need it (a
 * few repositories at a time), hand the result to the single writer — which plans it afresh on the
 * tip, so a concurrent edit is never lost — then start the entity workflows (one per image and
 * base) that are not running, reconfigure those whose setup changed, retire those that left, and
 * wait for Argo CD. An invalid {@code images.yaml} changes nothing: a typo must never unenroll
 * every image.
 */
public class EnrollmentWorkflowImpl implements EnrollmentWorkflow {

  private static final Logger log = Workflow.getLogger(EnrollmentWorkflowImpl.class);
  private static final int PARALLEL_REPOSITORIES = 4;

  /** Attempts per round of reading the catalog. */
  static final int CATALOG_ATTEMPTS = 4;

  /** The first and the longest wait between two rounds of reading the catalog. */
  static final Duration FIRST_READ_RETRY = Duration.ofMinutes(1);

  static final Duration MAX_READ_RETRY = Duration.ofMinutes(15);

  /**
   * A few attempts with backoff, then the enrollment itself waits longer between rounds ({@link
   * #readCatalog}): a state repository that is gone for hours costs a handful of attempts (and log
   * lines) an hour, not one a second.
   */
  private static final ActivityOptions CATALOG =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(CATALOG_ATTEMPTS)
                  .build())
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
                  .setDoNotRetry(ArgoCdFailures.ACCESS_DENIED, ArgoCdFailures.INVALID_REQUEST)
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
    CatalogView view = readCatalog(request);
    if (!view.errors().isEmpty()) {
      setPhase("images.yaml is invalid; nothing changed");
      return new EnrollmentResult(view.commitId(), false, List.of(), view.errors(), "not waited");
    }
    view.unchangedImages()
        .forEach(i -> outcomes.add(new ImageOutcome(i, ImageOutcome.UNCHANGED, "", List.of())));
    view.externalImages()
        .forEach(i -> outcomes.add(new ImageOutcome(i, "external", "", List.of())));

    List<ImageAnalysis> analyses = analyse(view.analysisGroups());

    setPhase("committing");
    CommitOutcome commit =
        stateRepo.commit(
            List.of(new EnrollmentChange(analyses, now())),
            behind -> setPhase("committing; " + behind));
    if (!commit.applied()) {
      setPhase("commit rejected");
      return new EnrollmentResult(
          view.commitId(), false, outcomes, List.of(commit.error()), "not waited");
    }

    setPhase("starting entity workflows");
    EntitiesEnsured ensured =
        UiSummaries.activities(
                EntityActivities.class,
                ENTITIES,
                "start or reconfigure the image and base workflows of "
                    + UiSummaries.shortCommit(commit.commitId()))
            .ensureEntities(
                new EnsureEntitiesRequest(
                    view.commitId(), commit.commitId(), request.reanalyzeAll()));
    log.info(
        "enrollment: {} entity workflow(s) started, {} reconfigured, {} unchanged",
        ensured.started(),
        ensured.reconfigured(),
        ensured.unchanged());
    markInvalidTargets(ensured);
    markCalled(ensured);
    retireRemoved(view, ensured);

    String deployment = awaitDeployment(commit, ensured.unwatchedBases());
    setPhase("done; " + deployment);
    commit.stateProblems().forEach(p -> log.warn("enrollment: {}", p));
    return new EnrollmentResult(
        commit.commitId(),
        commit.changed(),
        outcomes,
        List.of(),
        deployment,
        commit.stateProblems());
  }

  /**
   * Reads the catalog, waiting between rounds of attempts while the state repository cannot be read
   * (unreachable, gone), so an enrollment asked for during an outage runs once it is back.
   */
  private CatalogView readCatalog(EnrollmentRequest request) {
    Duration wait = FIRST_READ_RETRY;
    while (true) {
      try {
        return UiSummaries.activities(
                CatalogActivities.class,
                CATALOG,
                "read images.yaml and the state files at the tip (" + request.reason() + ")")
            .readCatalog(request);
      } catch (ActivityFailure failure) {
        setPhase(
            "cannot read the state repository ("
                + FailureCauses.of(failure)
                + "); trying again in "
                + wait.toMinutes()
                + " min");
        Workflow.newTimer(
                wait,
                TimerOptions.newBuilder()
                    .setSummary("read the state repository again in " + wait.toMinutes() + " min")
                    .build())
            .get();
        Duration doubled = wait.multipliedBy(2);
        wait = doubled.compareTo(MAX_READ_RETRY) > 0 ? MAX_READ_RETRY : doubled;
      }
    }
  }

  /**
   * Waits for Argo CD to deploy a commit that changed the rendered manifests; once it has, the
   * bases that commit added are watched by Kargo, and their state files say so. An enrollment that
   * changed nothing still waits while bases are unwatched: an earlier wait may have timed out, or a
   * worker may have died between its push and the wait, and the tip holds their Warehouses either
   * way.
   */
  private String awaitDeployment(CommitOutcome commit, List<String> unwatchedBases) {
    if (!commit.derivedChanged() && unwatchedBases.isEmpty()) {
      return "nothing to deploy";
    }
    setPhase(
        "waiting for Argo CD to deploy "
            + commit.commitId()
            + (unwatchedBases.isEmpty()
                ? ""
                : " (" + unwatchedBases.size() + " base(s) unwatched)"));
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
      stateRepo.commit(
          List.of(new BasesWatchedChange(unwatchedBases)),
          behind -> setPhase("recording the watched bases; " + behind));
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

  /**
   * An image not analysed again is still not "unchanged" when its workflow had to be started (a
   * restored namespace) or was sent a changed configuration (an edit that needs no analysis).
   */
  private void markCalled(EntitiesEnsured ensured) {
    Set<String> started = new HashSet<>(ensured.startedImages());
    Set<String> updated = new HashSet<>(ensured.updatedImages());
    outcomes.replaceAll(
        o -> {
          if (!ImageOutcome.UNCHANGED.equals(o.status())) {
            return o;
          }
          if (started.contains(o.image())) {
            return new ImageOutcome(o.image(), ImageOutcome.STARTED, "workflow started", List.of());
          }
          return updated.contains(o.image())
              ? new ImageOutcome(
                  o.image(), ImageOutcome.UPDATED, "configuration changed", List.of())
              : o;
        });
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
