package io.imagefactory.argocd;

/**
 * How a wait for a deployment ended.
 *
 * @param status the outcome
 * @param message a readable explanation: Argo CD's own message where it gave one
 * @param observedRevision the revision the Application last reported, or null
 */
public record AwaitSyncResult(Status status, String message, String observedRevision) {

  /** The outcomes of a wait. */
  public enum Status {
    /** The revision is synced and the Application healthy. */
    SYNCED,
    /** The revision is synced but the Application is degraded. */
    DEGRADED,
    /** Argo CD's sync operation for the revision failed or errored. */
    OPERATION_FAILED,
    /** The time ran out before the revision was synced and healthy. */
    TIMED_OUT,
    /** No such Application. */
    MISSING_APPLICATION,
    /** No cluster is configured: the wait was skipped. */
    SKIPPED_NO_CLUSTER
  }

  /** True only for {@link Status#SYNCED}. */
  public boolean deployed() {
    return status == Status.SYNCED;
  }
}
