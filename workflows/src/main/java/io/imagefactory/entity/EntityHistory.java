package io.imagefactory.entity;

import io.temporal.workflow.Workflow;

/**
 * When a long-lived entity workflow continues as new: its history is longer than its limit or the
 * server suggests a new run, and leaving now cuts nothing short. Use from workflow code.
 */
public final class EntityHistory {

  /** The history length past which an entity continues as new when its setup names none. */
  public static final int DEFAULT_LIMIT = 2_000;

  private final int limit;

  /** {@code configured} is the setup's limit; 0 or less takes {@link #DEFAULT_LIMIT}. */
  public EntityHistory(int configured) {
    limit = configured > 0 ? configured : DEFAULT_LIMIT;
  }

  /** True when the history is long enough that the entity should start a new run. */
  public boolean isLong() {
    return Workflow.getInfo().isContinueAsNewSuggested()
        || Workflow.getInfo().getHistoryLength() > limit;
  }

  /**
   * True when the history is long and the entity may leave it now. {@code underWay} says whether
   * something the entity started would be cut short (a batch or a ticket being handed over, a
   * fan-out, a dispatch): those take a moment, and everything else is carried. Every signal and
   * update handler must have finished too, or a caller would lose its answer.
   */
  public boolean continueAsNewDue(boolean underWay) {
    return isLong() && !underWay && Workflow.isEveryHandlerFinished();
  }
}
