package io.imagefactory;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.catalog.EntityPlan;
import io.imagefactory.enrollment.EnrollmentRequest;
import io.imagefactory.enrollment.EnsureEntitiesRequest;
import io.imagefactory.enrollment.EntitiesEnsured;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.staterepo.CommitOutcome;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.rebuild.RebuildFailures;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The activities entity workflows call, recording each call instead of touching git, GitHub or
 * the Temporal client, so workflow tests can assert exactly what a workflow asked for.
 */
public class RecordingActivities
    implements RebuildActivities, StateRepoClientActivities, EntityActivities {

  public final List<RebuildRequest> rebuilds = new CopyOnWriteArrayList<>();
  public final List<StateChangeBatch> submitted = new CopyOnWriteArrayList<>();
  public final List<EnrollmentRequest> enrollmentRequests = new CopyOnWriteArrayList<>();
  public final List<EnsureEntitiesRequest> ensureRequests = new CopyOnWriteArrayList<>();
  public final List<List<ImageSetup>> ensuredImages = new CopyOnWriteArrayList<>();
  public final List<List<BaseSetup>> ensuredBases = new CopyOnWriteArrayList<>();
  public final List<String> retiredImages = new CopyOnWriteArrayList<>();
  public final List<String> retiredBases = new CopyOnWriteArrayList<>();

  /** The state the entity workflows are ensured from; each of its entities counts as started. */
  public volatile EntityPlan plan = new EntityPlan(List.of(), List.of(), List.of());

  /** When set, dispatches are sent and start a run; otherwise they are recorded. */
  public volatile boolean startsRuns;

  /** When set, the next dispatches fail with it. */
  public volatile RuntimeException dispatchFailure;

  /** Run id to how it ended; a run without an entry is still in flight. */
  public final Map<String, RunConclusion> conclusions = new ConcurrentHashMap<>();

  public final AtomicInteger runReads = new AtomicInteger();

  @Override
  public RebuildDispatch dispatchRebuild(RebuildRequest request) {
    rebuilds.add(request);
    if (dispatchFailure != null) {
      throw dispatchFailure;
    }
    if (!startsRuns) {
      return new RebuildDispatch(RebuildDispatch.RECORDED, null, "recorded " + request.rebuildId());
    }
    String runId = String.valueOf(rebuilds.size());
    String url = "https://github.com/example-org/" + request.image() + "/actions/runs/" + runId;
    return new RebuildDispatch(
        RebuildDispatch.DISPATCHED,
        url,
        "dispatched " + request.rebuildId(),
        new RunRef("github", "example-org/" + request.image(), runId, url));
  }

  @Override
  public RunConclusion awaitRun(RunRef run) {
    runReads.incrementAndGet();
    RunConclusion conclusion = conclusions.get(run.runId());
    if (conclusion == null) {
      throw ApplicationFailure.newFailure(
          "run " + run.runId() + " in progress", RebuildFailures.RUN_IN_PROGRESS);
    }
    return conclusion;
  }

  @Override
  public CommitOutcome submit(StateChangeBatch batch) {
    submitted.add(batch);
    return new CommitOutcome("commit-" + submitted.size(), true, false, null);
  }

  @Override
  public EntitiesEnsured ensureEntities(EnsureEntitiesRequest request) {
    ensureRequests.add(request);
    EntityPlan state = plan;
    ensuredImages.add(state.images());
    ensuredBases.add(state.bases());
    return EntitiesEnsured.of(
        request.commitId(), state, state.images().size() + state.bases().size(), 0, 0);
  }

  @Override
  public void retireEntities(List<String> images, List<String> bases) {
    retiredImages.addAll(images);
    retiredBases.addAll(bases);
  }

  @Override
  public void requestEnrollment(EnrollmentRequest request) {
    enrollmentRequests.add(request);
  }
}
