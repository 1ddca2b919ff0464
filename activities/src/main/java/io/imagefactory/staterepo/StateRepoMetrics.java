package io.imagefactory.staterepo;

import java.time.Duration;

/**
 * Where the single writer counts what its commits did, so the worker can export it without the
 * activities knowing any metrics library. Each call happens once per pushed commit, on the worker
 * that pushed it, so counts summed over replicas count every commit once. No call carries an image
 * name: labels come from small fixed sets.
 */
public interface StateRepoMetrics {

  /** Counts nothing: for tests and tools that run the activities without a worker. */
  StateRepoMetrics NONE = new StateRepoMetrics() {};

  /** A batch was pushed as a commit. */
  String COMMITTED = "committed";

  /** A batch changed no byte: no commit. */
  String UNCHANGED = "unchanged";

  /** A batch could not be committed (the remote refused it, or kept rejecting the push). */
  String FAILED = "failed";

  /**
   * One commit attempt of a batch ended.
   *
   * @param outcome {@link #COMMITTED}, {@link #UNCHANGED} or {@link #FAILED}
   * @param pushRetries pushes that were rejected because the branch had moved, and re-applied
   */
  default void commit(String outcome, int pushRetries) {}

  /**
   * An image or base changed its place in the fleet.
   *
   * @param transition one of the {@link LifecycleTransitions} constants
   */
  default void transition(String transition, int count) {}

  /** A rebuild's dispatch was recorded, {@code sinceFirstSeen} after its base digest was seen. */
  default void rebuildDispatched(Duration sinceFirstSeen) {}

  /** A new build closed a rebuild, {@code sinceFirstSeen} after its base digest was seen. */
  default void rebuildBuilt(Duration sinceFirstSeen) {}
}
