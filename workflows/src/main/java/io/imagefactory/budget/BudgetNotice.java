package io.imagefactory.budget;

/**
 * Where a queued ticket stands, as the budget last told its holder.
 *
 * @param ahead tickets of the same repository queued before it
 * @param repository {@code acme/monorepo}
 * @param running runs of that repository in flight
 * @param limit runs of that repository allowed in flight
 * @param hostLimit when the host, not the repository, is what holds it back: {@code github.com at
 *     its limit (50 of 50 running)}; null otherwise
 */
public record BudgetNotice(
    String ticketId, int ahead, String repository, int running, int limit, String hostLimit) {

  /** {@code queued: 37 ahead for acme/monorepo (5 of 5 running)}. */
  public String describe() {
    return "queued: "
        + ahead
        + " ahead for "
        + repository
        + " ("
        + running
        + " of "
        + limit
        + " running)"
        + (hostLimit == null ? "" : "; " + hostLimit);
  }
}
