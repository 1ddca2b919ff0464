package io.imagefactory.argocd;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Follows the Argo CD Application that deploys the state repository's rendered manifests. */
@ActivityInterface
public interface ArgoCdActivities {

  /**
   * Waits until the Application reports {@code request.revision()} synced and healthy, or says why
   * it never will (degraded, operation failed, missing application) or that the time ran out. It
   * only reads the Application, so it is idempotent and safe to retry: a retried attempt resumes
   * the same overall deadline from its last heartbeat. It heartbeats after every poll: schedule it
   * with a heartbeat timeout of about a minute (one read may take half a minute with the Kubernetes
   * client's own retries) and a start-to-close timeout a little above {@code request.timeout()}.
   * Without a configured cluster it returns {@link AwaitSyncResult.Status#SKIPPED_NO_CLUSTER} at
   * once.
   */
  @ActivityMethod
  AwaitSyncResult awaitSync(AwaitSyncRequest request);
}
