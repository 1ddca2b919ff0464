package io.imagefactory.budget;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The worker's side of the rebuild budget: its configured limits, and starting it. */
@ActivityInterface
public interface RebuildBudgetActivities {

  /** The limits configured on the worker ({@code image-factory.rebuild-budget.*}). Read only. */
  @ActivityMethod
  BudgetLimits budgetLimits();

  /**
   * Hands a ticket to the budget by signal, starting the budget if it is not running. Holders
   * signal the budget directly and use this only when that signal fails. Idempotent: the budget
   * takes a ticket id once.
   */
  @ActivityMethod
  void deliverTicket(BudgetTicket ticket);
}
