package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.CiProvider;
import io.imagefactory.rebuild.RebuildDispatch;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub Actions as a {@link CiProvider}: a {@code workflow_dispatch} with {@code
 * return_run_details}, so GitHub names the run it started. An Enterprise Server before 3.21
 * answers 400 to that field; the dispatch is sent once more without it, the server is remembered
 * as one that never returns run details, and the run is found by listing ({@link
 * GitHubRunFinder}).
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
  private final GitHubRunFinder runFinder;
  private final GitHubRunStatus runStatus;
  private final Clock clock;
  private final AtomicBoolean runDetailsUnsupported = new AtomicBoolean();

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
    this.api = api;
    this.credentials = credentials;
    this.workflowInputs = new GitHubWorkflowInputs(api, declaredInputs, clock);
    this.runFinder = new GitHubRunFinder(api, clock);
    this.runStatus = new GitHubRunStatus(clock, neverStartedAfter);
    this.clock = clock;
  }

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
    String repoPath = GitHubApi.repoPath(dispatch.repo());
    if (dispatch.workflow() == null || dispatch.workflow().isBlank()) {
      throw CiException.rejected("no GitHub workflow is configured for " + dispatch.repo());
    }
    String token = credentials.tokenFor(dispatch.repo());
    if (dispatch.retry()) {
      GitHubRunFinder.Runs earlier = runFinder.find(dispatch, token);
      if (earlier.identified().isPresent()) {
        return dispatched(earlier.identified().get(), "run of an earlier attempt, found by listing");
      }
      if (!earlier.none()) {
        return unidentified("retried dispatch not sent again: " + earlier.describe());
      }
    }
    GitHubWorkflowInputs.Selection inputs = workflowInputs.select(dispatch, token);
    String sent =
        "workflow_dispatch " + dispatch.workflow() + " on " + dispatch.repo() + " at "
            + dispatch.ref() + ", inputs " + inputs.sent().keySet()
            + (inputs.dropped().isEmpty()
                ? ""
                : ", left out as not declared by the workflow: " + inputs.dropped());
    String path =
        repoPath + "/actions/workflows/" + GitHubApi.encode(dispatch.workflow()) + "/dispatches";
    boolean askForRun = !runDetailsUnsupported.get();
    GitHubResponse response = api.post(path, body(dispatch, inputs, askForRun), token);
    if (response.status() == 400 && askForRun) {
      response = api.post(path, body(dispatch, inputs, false), token);
      if (response.successful()) {
        runDetailsUnsupported.set(true);
        log.info("GitHub at {} refuses return_run_details: runs are found by listing", api.baseUrl());
      }
    }
    if (!response.successful()) {
      throw GitHubResponses.failure(
          response, "dispatch of " + dispatch.workflow() + " on " + dispatch.repo(), clock);
    }
    JsonNode run = response.json();
    if (run.hasNonNull("workflow_run_id")) {
      String url = run.path("html_url").asText(null);
      return dispatched(new RunRef(name(), dispatch.repo(), run.path("workflow_run_id").asText(), url), sent);
    }
    GitHubRunFinder.Runs listed = runFinder.find(dispatch, token);
    if (listed.identified().isPresent()) {
      return dispatched(listed.identified().get(), sent + ", run found by listing");
    }
    return unidentified(
        sent + ", but " + (listed.none() ? "its run is not listed yet" : listed.describe()));
  }

  @Override
  public Optional<RunConclusion> conclusion(RunRef run) throws CiException {
    if (!name().equals(run.provider())) {
      throw new IllegalArgumentException("not a GitHub run: " + run);
    }
    String token = credentials.tokenFor(run.repo());
    GitHubResponse response =
        api.get(GitHubApi.repoPath(run.repo()) + "/actions/runs/" + GitHubApi.encode(run.runId()), token);
    if (response.status() == 404) {
      // The token dispatched this run, so a 404 means the run (or its repository) was deleted.
      return Optional.of(
          new RunConclusion(
              RunConclusion.NEVER_STARTED,
              run.url(),
              "GitHub run " + run.runId() + " of " + run.repo() + " is gone (404): " + response.message(),
              clock.instant()));
    }
    if (!response.successful()) {
      throw GitHubResponses.failure(
          response, "status read of run " + run.runId() + " on " + run.repo(), clock);
    }
    return runStatus.read(run, response.json());
  }

  private static Map<String, Object> body(
      CiDispatch dispatch, GitHubWorkflowInputs.Selection inputs, boolean askForRun) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", dispatch.ref());
    body.put("inputs", inputs.sent());
    if (askForRun) {
      body.put("return_run_details", true);
    }
    return body;
  }

  private static RebuildDispatch dispatched(RunRef run, String detail) {
    log.info("dispatched {}: run {} {}", detail, run.runId(), run.url());
    return new RebuildDispatch(RebuildDispatch.DISPATCHED, run.url(), detail, run);
  }

  private static RebuildDispatch unidentified(String detail) {
    log.warn("run not identified: {}", detail);
    return new RebuildDispatch(RebuildDispatch.UNIDENTIFIED, null, "run not identified: " + detail);
  }
}
