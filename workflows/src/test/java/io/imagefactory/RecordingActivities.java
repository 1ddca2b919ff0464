package io.imagefactory;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.budget.RebuildBudgetActivities;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.imagefactory.enrollment.EnsureEntitiesRequest;
import io.imagefactory.enrollment.EntitiesEnsured;
import io.imagefactory.enrollment.EntityActivities;
import io.imagefactory.enrollment.EntityPlan;
import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.imagefactory.enrollment.request.EnrollmentRequestActivities;
import io.imagefactory.image.ImageSetup;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.staterepo.Acknowledgement;
import io.imagefactory.staterepo.CommitRequest;
import io.imagefactory.staterepo.CommitResult;
import io.imagefactory.staterepo.StateChangeBatch;
import io.imagefactory.staterepo.StateRepoActivities;
import io.imagefactory.staterepo.StateRepoClientActivities;
import io.imagefactory.staterepo.StateRepoSettings;
import io.imagefactory.staterepo.StateRepoSubmitter;
import io.imagefactory.staterepo.StateRepoWorkflow;
import io.temporal.activity.Activity;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The activities the workflows call, recording each call instead of touching git or GitHub, so
 * workflow tests can assert exactly what a workflow asked for. The single writer runs for real:
 * batches reach it by signal (or a delivery that starts it), its commits are recorded here, and its
 * answers are signalled back to the submitters through the Temporal client.
 */
public class RecordingActivities
    implements RebuildActivities,
        RebuildBudgetActivities,
        StateRepoClientActivities,
        StateRepoActivities,
        EntityActivities,
        EnrollmentRequestActivities {

  public final List<RebuildRequest> rebuilds = new CopyOnWriteArrayList<>();
  public final List<StateChangeBatch> submitted = new CopyOnWriteArrayList<>();
  public final List<Acknowledgement> acknowledged = new CopyOnWriteArrayList<>();

  public final AtomicInteger commits = new AtomicInteger();

  /** When false, the writer's answers are recorded and never signalled: they get lost. */
  public volatile boolean answers = true;

  /** Why the writer refuses a batch; null to commit it. */
  public volatile Function<StateChangeBatch, String> refusal = batch -> null;

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

  /** The limits the rebuild budget reads. */
  public volatile BudgetLimits limits = BudgetLimits.defaults();

  @Override
  public BudgetLimits budgetLimits() {
    return limits;
  }

  /** Starts the budget with the ticket, as the real client does. */
  @Override
  public void deliverTicket(BudgetTicket ticket) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    RebuildBudgetWorkflow budget =
        client.newWorkflowStub(
            RebuildBudgetWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.REBUILD_BUDGET)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(budget::run, BudgetSetup.initial());
    request.add(budget::request, ticket);
    client.signalWithStart(request);
  }

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

  /** Starts the writer with the batch, as the real client does. */
  @Override
  public void deliver(StateChangeBatch batch) {
    WorkflowClient client = Activity.getExecutionContext().getWorkflowClient();
    StateRepoWorkflow writer =
        client.newWorkflowStub(
            StateRepoWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WorkflowIds.STATE_REPO)
                .setTaskQueue(TaskQueues.MAIN)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(writer::run, StateRepoSettings.defaults());
    request.add(writer::submit, batch);
    client.signalWithStart(request);
  }

  /** The writer's git work: records the batches and refuses those {@link #refusal} names. */
  @Override
  public CommitResult commit(CommitRequest request) {
    Map<String, String> rejected = new HashMap<>();
    for (StateChangeBatch batch : request.batches()) {
      String reason = refusal.apply(batch);
      if (reason == null) {
        submitted.add(batch);
      } else {
        rejected.put(batch.batchId(), reason);
      }
    }
    commits.incrementAndGet();
    return committed(rejected);
  }

  /** The result of a commit; by default every commit changes state files only. */
  protected CommitResult committed(Map<String, String> rejected) {
    return new CommitResult("commit-" + commits.get(), true, false, rejected, stateProblems);
  }

  /** Signals each answer to its submitter, as the real client does, unless answers are off. */
  @Override
  public void acknowledge(List<Acknowledgement> acknowledgements) {
    for (Acknowledgement ack : acknowledgements) {
      acknowledged.add(ack);
      if (!answers) {
        continue;
      }
      try {
        Activity.getExecutionContext()
            .getWorkflowClient()
            .newUntypedWorkflowStub(ack.submitter())
            .signal(StateRepoSubmitter.ACKNOWLEDGED, ack);
      } catch (WorkflowNotFoundException ended) {
        // As in production: a submitter that ended needs no answer.
      }
    }
  }

  /** What every commit reports its rendering found wrong with the state. */
  public volatile List<String> stateProblems = List.of();

  /** The images {@link #ensureEntities} reports started, and reconfigured with a changed setup. */
  public volatile List<String> startedImages = List.of();

  public volatile List<String> updatedImages = List.of();

  @Override
  public EntitiesEnsured ensureEntities(EnsureEntitiesRequest request) {
    ensureRequests.add(request);
    EntityPlan state = plan;
    ensuredImages.add(state.images());
    ensuredBases.add(state.bases());
    return EntitiesEnsured.of(
            request.commitId(), state, state.images().size() + state.bases().size(), 0, 0)
        .withImages(startedImages, updatedImages);
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
