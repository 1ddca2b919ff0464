package io.imagefactory.argocd;

/** The failure types the Argo CD activities raise, one place for workflows and activities. */
public final class ArgoCdFailures {

  /** The worker may not read the Application (RBAC): waiting longer would not help. */
  public static final String ACCESS_DENIED = "ArgoCdAccessDenied";

  /** The request names no Application or commit that could ever sync. */
  public static final String INVALID_REQUEST = "InvalidAwaitSyncRequest";

  private ArgoCdFailures() {}
}
