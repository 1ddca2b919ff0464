package io.imagefactory.rebuild;

import io.imagefactory.TaskQueues;
import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.budget.BudgetSetup;
import io.imagefactory.budget.BudgetTicket;
import io.imagefactory.budget.RebuildBudgetActivities;
import io.imagefactory.budget.RebuildBudgetWorkflow;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/**
 * The worker's side of the rebuild budget: the limits from its configuration, and a delivery that
 * is one {@code signalWithStart} by workflow id, so it starts the budget unless it runs and always
 * reaches its current run, even after it continued as new.
 */
public final class RebuildBudgetActivitiesImpl implements RebuildBudgetActivities {

  private final WorkflowClient client;
  private final BudgetLimits limits;

  public RebuildBudgetActivitiesImpl(WorkflowClient client, BudgetLimits limits) {
    this.client = client;
    this.limits = limits;
  }

  @Override
  public BudgetLimits budgetLimits() {
    return limits;
  }

  @Override
  public void deliverTicket(BudgetTicket ticket) {
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
}
