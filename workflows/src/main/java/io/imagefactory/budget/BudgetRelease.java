package io.imagefactory.budget;

/**
 * Gives a slot back, or leaves the queue.
 *
 * @param reason for the log: {@code run succeeded}, {@code unenrolled}, {@code window closed}
 */
public record BudgetRelease(String ticketId, String reason) {}
