package io.imagefactory.budget;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.Map;

/**
 * The rebuild budget ({@code rebuild-budget}): the one queue every matured rebuild waits in until
 * its repository and CI host have room, so a thousand matured rebuilds become runs at the pace the
 * limits allow.
 */
@WorkflowInterface
public interface RebuildBudgetWorkflow {

  @WorkflowMethod
  void run(BudgetSetup setup);

  /**
   * Queues a ticket and, when it has room, signals {@link BudgetHolder#budgetGranted} to its
   * holder. A ticket id already granted is granted again; one already released is ignored.
   */
  @SignalMethod
  void request(BudgetTicket ticket);

  /** Frees the ticket's slot, or takes it out of the queue. Idempotent. */
  @SignalMethod
  void release(BudgetRelease release);

  @QueryMethod
  BudgetStatus status();

  /** Tickets waiting per CI host, for the queue-length gauge. */
  @QueryMethod
  Map<String, Integer> queueLengths();
}
