package io.imagefactory.budget;

import io.temporal.workflow.SignalMethod;

/**
 * A workflow that asks the rebuild budget for slots and hears back by signal, so nothing waits in a
 * thread or an activity slot for its turn. Every holder's workflow interface extends it.
 */
public interface BudgetHolder {

  /** The grant signal's name, for the budget that sends it by workflow id. */
  String GRANTED = "budgetGranted";

  /** The queue-position signal's name. */
  String QUEUED = "budgetQueued";

  /** A slot for one of this workflow's tickets; a grant of a ticket it no longer holds is stale. */
  @SignalMethod(name = GRANTED)
  void budgetGranted(BudgetGrant grant);

  /** Where its queued ticket stands now; for its details line. */
  @SignalMethod(name = QUEUED)
  void budgetQueued(BudgetNotice notice);
}
