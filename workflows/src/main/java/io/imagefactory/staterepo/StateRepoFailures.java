package io.imagefactory.staterepo;

/** The failure types the state repository's activities raise, one place for both modules. */
public final class StateRepoFailures {

  /** The state repository refused the commit for good (settings, permissions, a broken tip). */
  public static final String REFUSED = "StateRepositoryRefused";

  /** The state repository cannot be reached for now: the attempt is retried. */
  public static final String UNAVAILABLE = "StateRepositoryUnavailable";

  private StateRepoFailures() {}
}
