package io.imagefactory.rebuild;

/** The failure types the rebuild activities raise, one place for workflows and activities. */
public final class RebuildFailures {

  /** The CI refused the rebuild for good (401, 404, 422, a workflow without a dispatch trigger). */
  public static final String REJECTED = "RebuildRejected";

  /** The run has not ended yet: retried at the poll interval. */
  public static final String RUN_IN_PROGRESS = "RunInProgress";

  /** The CI could not be reached or answered 5xx: retried with the activity's backoff. */
  public static final String CI_UNAVAILABLE = "CiUnavailable";

  /** The CI asked us to slow down: retried after the delay the server gave. */
  public static final String RATE_LIMITED = "RateLimited";

  private RebuildFailures() {}
}
