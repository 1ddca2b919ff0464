package io.imagefactory.github;

import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiProvider;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub Actions as a {@link CiProvider}: a {@code workflow_dispatch} of the declared inputs
 * ({@link GitHubWorkflowInputs}) that asks GitHub to name its run ({@link GitHubDispatcher}); when
 * GitHub does not, one listing finds it ({@link GitHubRunFinder}), and no waiting happens here.
 *
 * <p>A retried dispatch first looks for a run of its rebuild id and returns it rather than start a
 * second one. One window remains: an attempt whose dispatch GitHub accepted but whose answer was
 * lost, retried before GitHub lists the new run (usually a few seconds), dispatches again. The
 * activity's retry interval is longer than that delay, which makes the window small, not closed.
 *
 * <p>Plain {@code java.net.http} rather than hub4j github-api: hub4j's {@code GHWorkflow.dispatch}
 * returns nothing (no run details), its App JWT needs jjwt on the classpath, its default limit
 * handlers and its connection-error retries sleep in the calling thread, and its primary-limit
 * handler ignores 429. The few endpoints used here fit in {@link GitHubApi}.
 */
public class GitHubCiProvider implements CiProvider {

  private static final Logger log = LoggerFactory.getLogger(GitHubCiProvider.class);

  private final GitHubApi api;
  private final GitHubCredentials credentials;
  private final GitHubWorkflowInputs workflowInputs;
  private final GitHubDispatcher dispatcher;
  private final GitHubRunFinder runFinder;
  private final GitHubRunStatus runStatus;
  private final Clock clock;
  private final int dispatchReserve;

  /** Requests of a credential's hourly quota a dispatch leaves to run following and checks. */
  public static final int DEFAULT_DISPATCH_RESERVE = 500;

  /**
   * @param declaredInputs the workflow-file parser: a workflow's text to the names of its {@code
   *     workflow_dispatch} inputs, empty when it cannot tell
   * @param neverStartedAfter how long a run may stay queued before it is taken as never started
   */
  public GitHubCiProvider(
      GitHubApi api,
      GitHubCredentials credentials,
      Function<String, Optional<Set<String>>> declaredInputs,
      Clock clock,
      Duration neverStartedAfter) {
    this(api, credentials, declaredInputs, clock, neverStartedAfter, DEFAULT_DISPATCH_RESERVE);
  }

  /**
   * @param dispatchReserve a dispatch waits for the quota's reset rather than leave fewer than this
   *     many requests of the credential's quota; 0 to spend it all
   */
  public GitHubCiProvider(
      GitHubApi api,
      GitHubCredentials credentials,
      Function<String, Optional<Set<String>>> declaredInputs,
      Clock clock,
      Duration neverStartedAfter,
      int dispatchReserve) {
    this.dispatchReserve = dispatchReserve;
    this.api = api;
    this.credentials = credentials;
    this.workflowInputs = new GitHubWorkflowInputs(api, declaredInputs, clock);
    this.dispatcher = new GitHubDispatcher(api, clock);
    this.runFinder = new GitHubRunFinder(api, clock);
    this.runStatus = new GitHubRunStatus(clock, neverStartedAfter);
    this.clock = clock;
  }

  /** Runs queued for a day are taken as never started, as GitHub drops them then. */
  public GitHubCiProvider(
      GitHubApi api,
      GitHubCredentials credentials,
      Function<String, Optional<Set<String>>> declaredInputs,
      Clock clock) {
    this(api, credentials, declaredInputs, clock, GitHubRunStatus.NEVER_STARTED_AFTER);
  }

  @Override
  public String name() {
    return "github";
  }

  @Override
  public RebuildDispatch dispatch(CiDispatch dispatch) throws CiException {
    GitHubApi.repoPath(dispatch.repo());
    if (dispatch.workflow() == null || dispatch.workflow().isBlank()) {
      throw CiException.rejected("no GitHub workflow is configured for " + dispatch.repo());
    }
    if (dispatch.ref() == null || dispatch.ref().isBlank()) {
      throw CiException.rejected("no branch is configured for " + dispatch.repo());
    }
    String token = credentials.tokenFor(dispatch.repo());
    api.quota()
        .keepReserve(
            token,
            dispatchReserve,
            "dispatch of %s on %s".formatted(dispatch.workflow(), dispatch.repo()),
            clock);
    if (dispatch.retry()) {
      GitHubRunFinder.Runs earlier = runFinder.find(dispatch, token);
      Optional<RunRef> run = earlier.identified();
      if (run.isPresent()) {
        return dispatched(dispatch, run.get(), "run of an earlier attempt, found by listing");
      }
      if (!earlier.none()) {
        return unidentified(dispatch, "not dispatched again, as " + earlier.describe());
      }
    }
    GitHubWorkflowInputs.Selection inputs = workflowInputs.select(dispatch, token);
    String sent =
        "workflow_dispatch %s on %s at %s, inputs %s"
                .formatted(
                    dispatch.workflow(), dispatch.repo(), dispatch.ref(), inputs.sent().keySet())
            + (inputs.dropped().isEmpty()
                ? ""
                : ", left out as not declared by the workflow: " + inputs.dropped());
    Optional<RunRef> run = dispatcher.dispatch(dispatch, inputs.sent(), token);
    return run.isPresent() ? dispatched(dispatch, run.get(), sent) : listed(dispatch, token, sent);
  }

  /** A dispatch GitHub accepted without naming its run: one listing, no waiting. */
  private RebuildDispatch listed(CiDispatch dispatch, String token, String sent)
      throws CiException {
    GitHubRunFinder.Runs runs;
    try {
      runs = runFinder.find(dispatch, token);
    } catch (CiException e) {
      if (e.kind() != CiException.Kind.REJECTED) {
        throw e; // The retry looks for the run before it dispatches, so nothing runs twice.
      }
      return unidentified(dispatch, sent + ", but its run cannot be listed: " + e.getMessage());
    }
    if (runs.identified().isPresent()) {
      return dispatched(dispatch, runs.identified().get(), sent + ", run found by listing");
    }
    String why = runs.none() ? "its run is not listed yet" : runs.describe();
    return unidentified(dispatch, sent + ", but " + why);
  }

  @Override
  public Optional<RunConclusion> conclusion(RunRef run) throws CiException {
    if (!name().equals(run.provider())) {
      throw new IllegalArgumentException("not a GitHub run: " + run);
    }
    String token = credentials.tokenFor(run.repo());
    String path = GitHubApi.repoPath(run.repo()) + "/actions/runs/" + GitHubApi.encode(run.runId());
    GitHubResponse response = api.get(path, token);
    if (response.status() == 404) {
      // The token dispatched this run, so a 404 means the run (or its repository) was deleted.
      String detail =
          "GitHub run %s of %s is gone (404): %s"
              .formatted(run.runId(), run.repo(), response.message());
      return Optional.of(
          new RunConclusion(RunConclusion.NEVER_STARTED, run.url(), detail, clock.instant()));
    }
    if (!response.successful()) {
      String what = "status read of run %s on %s".formatted(run.runId(), run.repo());
      throw GitHubResponses.failure(response, what, clock);
    }
    return runStatus.read(run, response.json());
  }

  private static RebuildDispatch dispatched(CiDispatch dispatch, RunRef run, String detail) {
    log.info("rebuild {} dispatched: {}: run {}", dispatch.rebuildId(), detail, run.url());
    return new RebuildDispatch(RebuildDispatch.DISPATCHED, run.url(), detail, run);
  }

  private static RebuildDispatch unidentified(CiDispatch dispatch, String detail) {
    log.warn("rebuild {}: run not identified: {}", dispatch.rebuildId(), detail);
    return new RebuildDispatch(RebuildDispatch.UNIDENTIFIED, null, "run not identified: " + detail);
  }
}
