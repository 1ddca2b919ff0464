package io.imagefactory.rebuild;

import java.util.Optional;

/**
 * One CI system that runs rebuilds: GitHub Actions or GitLab CI. An implementation is the one
 * adapter for its system; it holds the credentials and the base URL, and takes no Temporal types,
 * so it is tested against a local fake of the system's API.
 */
public interface CiProvider {

  /** The provider name as {@code source.provider} spells it: {@code github} or {@code gitlab}. */
  String name();

  /**
   * Starts one run. On a retry ({@link CiDispatch#retry()}) it first looks for a run already
   * started for {@link CiDispatch#rebuildId()} and returns that one instead of starting another.
   *
   * @return {@link io.imagefactory.rebuild.RebuildDispatch#DISPATCHED} with the run, or {@link
   *     io.imagefactory.rebuild.RebuildDispatch#UNIDENTIFIED} when the dispatch was accepted but no
   *     run can be matched to it without guessing
   * @throws CiException classified: rejected for good, rate limited (with the server's delay), or
   *     unavailable for now
   */
  RebuildDispatch dispatch(CiDispatch dispatch) throws CiException;

  /** Reads the run once: its conclusion when it has ended, empty while it is queued or running. */
  Optional<RunConclusion> conclusion(RunRef run) throws CiException;
}
