package io.imagefactory.budget;

/**
 * A holder's ticket, carried across its continue-as-new: the request waiting in the queue, or the
 * slot it holds.
 *
 * @param granted the budget granted the slot
 * @param inUse a rebuild was started on the slot, which is freed when that rebuild ends
 */
public record BudgetHold(BudgetTicket ticket, boolean granted, boolean inUse) {}
