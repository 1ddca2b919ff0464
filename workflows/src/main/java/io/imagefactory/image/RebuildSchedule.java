package io.imagefactory.image;

import io.imagefactory.WorkflowIds;
import io.imagefactory.budget.BudgetTicket;
import java.time.Instant;

/**
 * When an image's matured automatic rebuild may ask the rebuild budget for a slot, and the ticket
 * it asks with: pure, so the image workflow and the what-if preview apply the same rules.
 */
public final class RebuildSchedule {

  private RebuildSchedule() {}

  /** {@code at} when the image's window is open then (or it has none), else its next opening. */
  public static Instant dispatchableFrom(ImageConfig config, Instant at) {
    return config.rebuildWindow() == null ? at : config.rebuildWindow().nextOpening(at);
  }

  /**
   * When the window open at {@code at} closes, which gives a ticket still queued back; null for an
   * image without a window.
   */
  public static Instant windowClosesAfter(ImageConfig config, Instant at) {
    return config.rebuildWindow() == null ? null : config.rebuildWindow().closesAfter(at);
  }

  /**
   * The ticket an image asks with at {@code now} for a rebuild due at {@code due} (a due time in
   * the future, as a forced ticket may have, counts as now).
   */
  public static BudgetTicket ticket(
      ImageConfig config, String ticketId, Instant due, Instant now, boolean forced) {
    return new BudgetTicket(
        ticketId,
        WorkflowIds.image(config.name()),
        config.name(),
        config.target() == null ? null : config.target().provider(),
        config.target() == null ? null : config.target().repo(),
        due.isAfter(now) ? now : due,
        now,
        config.dependentImages(),
        forced);
  }
}
