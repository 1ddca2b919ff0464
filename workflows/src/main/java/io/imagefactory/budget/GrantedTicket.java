package io.imagefactory.budget;

import java.time.Instant;

/** A ticket holding a slot since {@code grantedAt}. */
public record GrantedTicket(BudgetTicket ticket, Instant grantedAt) {}
