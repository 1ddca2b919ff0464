package io.imagefactory.image;

import io.imagefactory.UiSummaries;
import io.imagefactory.rebuild.RebuildActivities;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RebuildFailures;
import io.imagefactory.rebuild.RebuildRequest;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * The CI calls of an image's rebuild in flight: the dispatch, then the following of the run it
 * started. Both run beside the image's main loop, which takes each answer when it has come. Use
 * from workflow code.
 */
final class RebuildCalls {

  /** How often a run in flight is read: GitHub and GitLab runs take minutes. */
  static final Duration RUN_POLL_INTERVAL = Duration.ofMinutes(1);

  /** How long a run is followed; past it the rebuild is recorded as not followed. */
  static final Duration RUN_FOLLOW_LIMIT = Duration.ofDays(3);

  // Rate limits and outages are retried with the server's delay or backoff for a day; a refusal
  // (credentials, missing workflow, inputs) is final.
  private static final ActivityOptions DISPATCH =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(10))
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setDoNotRetry(RebuildFailures.REJECTED)
                  .build())
          .build();

  // Temporal's infrequent-polling pattern: each attempt reads the run once, and the retry policy's
  // fixed interval is the poll loop, so no worker slot is held between reads.
  private static final ActivityOptions FOLLOW =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(RUN_FOLLOW_LIMIT)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(RUN_POLL_INTERVAL)
                  .setBackoffCoefficient(1.0)
                  .setMaximumInterval(RUN_POLL_INTERVAL)
                  .setDoNotRetry(RebuildFailures.REJECTED)
                  .build())
          .build();

  private Promise<RebuildDispatch> dispatch;
  private Promise<RunConclusion> conclusion;
  private CancellationScope following;

  /**
   * Asks the CI for the rebuild {@code entry}; {@code resumed} when a previous run asked already.
   */
  void dispatch(ImageConfig config, RebuildEntry entry, boolean resumed) {
    RebuildActivities dispatcher =
        UiSummaries.activities(
            RebuildActivities.class, DISPATCH, ImageSummaries.dispatch(config, entry));
    dispatch =
        Async.function(
            dispatcher::dispatchRebuild,
            new RebuildRequest(
                config.name(),
                entry.rebuildId(),
                config.target(),
                entry.trigger(),
                entry.baseDigests(),
                config.baseReferences(),
                entry.requestedAt(),
                resumed));
  }

  /** Follows the run of {@code entry} until it concludes. */
  void follow(RunRef run, RebuildEntry entry) {
    RebuildActivities runs =
        UiSummaries.activities(RebuildActivities.class, FOLLOW, ImageSummaries.follow(run, entry));
    following =
        Workflow.newCancellationScope(() -> conclusion = Async.function(runs::awaitRun, run));
    following.run();
  }

  /** The run is no longer followed: its build came, or the image is leaving. */
  void stopFollowing() {
    if (following != null) {
      following.cancel();
      following = null;
      conclusion = null;
    }
  }

  /** True while the dispatch has not been answered. */
  boolean dispatching() {
    return dispatch != null;
  }

  /** True when the dispatch or the run has an answer the loop has not taken. */
  boolean answered() {
    return (dispatch != null && dispatch.isCompleted())
        || (conclusion != null && conclusion.isCompleted());
  }

  /** The dispatch's answer, once, when it has come; else null. */
  Promise<RebuildDispatch> takeDispatchAnswer() {
    if (dispatch == null || !dispatch.isCompleted()) {
      return null;
    }
    Promise<RebuildDispatch> answer = dispatch;
    dispatch = null;
    return answer;
  }

  /** The run's conclusion, once, when it has come; else null. */
  Promise<RunConclusion> takeConclusion() {
    if (conclusion == null || !conclusion.isCompleted()) {
      return null;
    }
    Promise<RunConclusion> done = conclusion;
    conclusion = null;
    following = null;
    return done;
  }
}
