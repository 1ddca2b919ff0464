package io.imagefactory;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.enrollment.EnrollmentRequest;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The activities entity workflows call, recording each call instead of touching git, GitHub or
 * the Temporal client, so workflow tests can assert exactly what a workflow asked for.
 */
public class RecordingActivities
    implements RebuildActivities, StateRepoClientActivities, EntityActivities {

  public final List<RebuildRequest> rebuilds = new CopyOnWriteArrayList<>();
  public final List<StateChangeBatch> submitted = new CopyOnWriteArrayList<>();
  public final List<EnrollmentRequest> enrollmentRequests = new CopyOnWriteArrayList<>();
  public final List<List<ImageSetup>> ensuredImages = new CopyOnWriteArrayList<>();
  public final List<List<BaseSetup>> ensuredBases = new CopyOnWriteArrayList<>();
  public final List<String> retiredImages = new CopyOnWriteArrayList<>();
  public final List<String> retiredBases = new CopyOnWriteArrayList<>();

  @Override
  public RebuildDispatch dispatchRebuild(RebuildRequest request) {
    rebuilds.add(request);
    return new RebuildDispatch(RebuildDispatch.RECORDED, null, "recorded " + request.rebuildId());
  }

  @Override
  public RunConclusion awaitRun(RunRef run) {
    throw new AssertionError("no run to follow, got " + run);
  }

  @Override
  public CommitOutcome submit(StateChangeBatch batch) {
    submitted.add(batch);
    return new CommitOutcome("commit-" + submitted.size(), true, false, null);
  }

  @Override
  public void ensureEntities(List<ImageSetup> images, List<BaseSetup> bases) {
    ensuredImages.add(images);
    ensuredBases.add(bases);
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
