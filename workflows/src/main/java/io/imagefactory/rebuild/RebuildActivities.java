package io.imagefactory.rebuild;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Starts the rebuild of a managed image through its CI (a GitHub Actions {@code workflow_dispatch}
 * or a GitLab pipeline) and follows the run to its end. With no credentials configured the dispatch
 * is recorded instead of sent.
 */
@ActivityInterface
public interface RebuildActivities {

  /**
   * Dispatches one rebuild. Credentials come from the worker's configuration, never the request. A
   * missing workflow, a rejected input or a refused credential fails with a non-retryable failure
   * of type {@link RebuildFailures#REJECTED}; rate limits are retried after the delay the server
   * asked for, server errors with backoff. Idempotent: a retry first looks for the run that carries
   * {@code rebuildId} and returns it instead of dispatching again.
   */
  @ActivityMethod
  RebuildDispatch dispatchRebuild(RebuildRequest request);

  /**
   * Reads the run once. While it is queued or running this fails with the retryable type {@link
   * RebuildFailures#RUN_IN_PROGRESS}, so the workflow's retry policy (fixed interval, backoff
   * coefficient 1) is the poll loop and no worker slot is held between polls. Read only.
   */
  @ActivityMethod
  RunConclusion awaitRun(RunRef run);
}
