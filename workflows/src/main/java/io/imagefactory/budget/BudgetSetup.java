package io.imagefactory.budget;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Starts (or continues as new) the rebuild budget, carrying what the previous run held.
 *
 * @param continueAsNewAfter history length after which it continues as new; 0 for the default
 * @param queued tickets waiting, in arrival order
 * @param granted tickets holding a slot
 * @param dispatches per host, the grants of the last hour (for the hourly limit)
 * @param released recently released ticket ids and when, so a late redelivery is not queued again
 * @param notified per queued ticket, the ahead count its holder was last told
 * @param lastServed the repository served last, where the round-robin goes on from
 */
public record BudgetSetup(
    int continueAsNewAfter,
    List<BudgetTicket> queued,
    List<GrantedTicket> granted,
    Map<String, List<Instant>> dispatches,
    Map<String, Instant> released,
    Map<String, Integer> notified,
    String lastServed) {

  public BudgetSetup {
    queued = queued == null ? List.of() : List.copyOf(queued);
    granted = granted == null ? List.of() : List.copyOf(granted);
    dispatches = dispatches == null ? Map.of() : Map.copyOf(dispatches);
    released = released == null ? Map.of() : Map.copyOf(released);
    notified = notified == null ? Map.of() : Map.copyOf(notified);
  }

  public static BudgetSetup initial() {
    return new BudgetSetup(0, List.of(), List.of(), Map.of(), Map.of(), Map.of(), null);
  }
}
