package io.imagefactory.rebuild;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Starts the rebuild of a managed image: a GitHub Actions {@code workflow_dispatch}, or, with no
 * credentials configured, a recording of the dispatch it would have made.
 */
@ActivityInterface
public interface RebuildTrigger {

  /**
   * Dispatches one rebuild. Credentials come from the worker's configuration. A missing workflow
   * or a rejected input fails with a non-retryable {@code ApplicationFailure} of type
   * {@code RebuildRejected}; rate limits and server errors are retried by Temporal. Recording is
   * idempotent; a real dispatch carries {@code rebuildId} so a retry can be recognised.
   */
  @ActivityMethod
  RebuildDispatch triggerRebuild(RebuildRequest request);
}
