package io.imagefactory.budget;

/** The budget has a slot for this ticket: its holder may dispatch now. */
public record BudgetGrant(String ticketId) {}
