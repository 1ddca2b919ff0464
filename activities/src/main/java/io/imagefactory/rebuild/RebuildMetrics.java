package io.imagefactory.rebuild;

/**
 * Where the rebuild activities count what they did, so the worker can export it without the
 * activities knowing any metrics library. Labels come from small fixed sets: the provider name and
 * the outcome constants of {@link RebuildDispatch} and {@link RunConclusion}; never an image.
 */
public interface RebuildMetrics {

  /** Counts nothing: for tests and tools that run the activities without a worker. */
  RebuildMetrics NONE = new RebuildMetrics() {};

  /** Outcome of a dispatch that failed and will be retried (server error, rate limit). */
  String RETRIED = "retried";

  /** Outcome of a dispatch the CI refused for good (credentials, workflow, inputs). */
  String REJECTED = "rejected";

  /**
   * One dispatch attempt ended.
   *
   * @param provider {@code github}, {@code gitlab}, or the provider a recorded dispatch names
   * @param outcome {@link RebuildDispatch#RECORDED}, {@link RebuildDispatch#DISPATCHED}, {@link
   *     RebuildDispatch#UNIDENTIFIED}, {@link #REJECTED} or {@link #RETRIED}
   */
  default void dispatched(String provider, String outcome) {}

  /**
   * A followed run ended.
   *
   * @param conclusion one of the {@link RunConclusion} constants
   */
  default void runConcluded(String provider, String conclusion) {}
}
