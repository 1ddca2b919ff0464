package io.imagefactory.starter;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.argocd.ArgoCdActivities;
import io.imagefactory.argocd.AwaitSyncRequest;
import io.imagefactory.argocd.AwaitSyncResult;
import io.imagefactory.dockerfile.AnalysisGroup;
import io.imagefactory.dockerfile.DockerfileActivities;
import io.imagefactory.dockerfile.ImageAnalysis;
import io.imagefactory.enrollment.CatalogActivities;
import io.imagefactory.enrollment.CatalogView;
import io.imagefactory.enrollment.EnsureEntitiesRequest;
import io.imagefactory.enrollment.EntitiesEnsured;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.enrollment.EntityPlan;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.CommitOutcome;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.staterepo.StateRepoSubmitter;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The activity boundary of the workflows, played in the test: the catalog and the analyses are what
 * the test sets, commits and dispatches are recorded, and entity workflows are started for real
 * through the client. An analysis group can be held until the test releases it.
 */
class ActivityRecorder
    implements CatalogActivities,
        DockerfileActivities,
        StateRepoClientActivities,
        EntityActivities,
        EnrollmentRequestActivities,
        RebuildActivities,
        ArgoCdActivities {

  static final String COMMIT = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";

  /** As on the embedded default: no cluster, so the wait is skipped. */
  @Override
  public AwaitSyncResult awaitSync(AwaitSyncRequest request) {
    return new AwaitSyncResult(
        AwaitSyncResult.Status.SKIPPED_NO_CLUSTER, "no Kubernetes cluster configured", null);
  }

  final List<EnrollmentRequest> catalogReads = new CopyOnWriteArrayList<>();
  final List<StateChangeBatch> submitted = new CopyOnWriteArrayList<>();
  final List<RebuildRequest> rebuilds = new CopyOnWriteArrayList<>();
  final List<String> ensuredImages = new CopyOnWriteArrayList<>();
  final Map<String, CountDownLatch> heldGroups = new ConcurrentHashMap<>();
  final CountDownLatch holding = new CountDownLatch(1);

  volatile CatalogView view;
  volatile EntityPlan plan = new EntityPlan(List.of(), List.of(), List.of());
  volatile Function<AnalysisGroup, List<ImageAnalysis>> analyses = group -> List.of();
  volatile WorkflowClient client;

  /** Holds the analysis of the repository until {@link #release} is called. */
  void hold(String repo) {
    heldGroups.put(repo, new CountDownLatch(1));
  }

  void release(String repo) {
    heldGroups.get(repo).countDown();
  }

  @Override
  public CatalogView readCatalog(EnrollmentRequest request) {
    catalogReads.add(request);
    return view;
  }

  @Override
  public EntityPlan readEntities(String commitId) {
    return plan;
  }

  @Override
  public List<ImageAnalysis> analyzeGroup(AnalysisGroup group) {
    CountDownLatch held = heldGroups.get(group.repo());
    if (held != null) {
      holding.countDown();
      try {
        held.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return analyses.apply(group);
  }

  /** Stands in for the single writer: the batch is recorded and answered as committed. */
  @Override
  public void deliver(StateChangeBatch batch) {
    submitted.add(batch);
    acknowledge(
        List.of(
            new Acknowledgement(
                batch.submitter(), batch.batchId(), new CommitOutcome(COMMIT, true, true, null))));
  }

  @Override
  public void acknowledge(List<Acknowledgement> acknowledgements) {
    for (Acknowledgement ack : acknowledgements) {
      Activity.getExecutionContext()
          .getWorkflowClient()
          .newUntypedWorkflowStub(ack.submitter())
          .signal(StateRepoSubmitter.ACKNOWLEDGED, ack);
    }
  }

  @Override
  public EntitiesEnsured ensureEntities(EnsureEntitiesRequest request) {
    EntityPlan state = plan;
    for (ImageSetup setup : state.images()) {
      ensuredImages.add(setup.config().name());
      ImageWorkflow image =
          client.newWorkflowStub(
              ImageWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.MAIN)
                  .setWorkflowId(WorkflowIds.image(setup.config().name()))
                  .build());
      try {
        WorkflowClient.start(image::run, setup);
      } catch (WorkflowExecutionAlreadyStarted running) {
        client
            .newWorkflowStub(ImageWorkflow.class, WorkflowIds.image(setup.config().name()))
            .configure(setup.config());
      }
    }
    return EntitiesEnsured.of(request.commitId(), state, state.images().size(), 0, 0);
  }

  @Override
  public void retireEntities(List<String> images, List<String> bases) {}

  @Override
  public void requestEnrollment(EnrollmentRequest request) {}

  @Override
  public RebuildDispatch dispatchRebuild(RebuildRequest request) {
    rebuilds.add(request);
    return new RebuildDispatch(
        RebuildDispatch.DISPATCHED,
        "https://github.com/" + request.target().repo() + "/actions/runs/" + rebuilds.size(),
        null);
  }

  @Override
  public RunConclusion awaitRun(RunRef run) {
    throw new AssertionError("no run to follow, got " + run);
  }
}
