package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one {@code workflow_dispatch} and asks GitHub to name the run it starts ({@code
 * return_run_details}). An Enterprise Server before 3.21 answers 400 to that field: the dispatch is
 * sent once more without it and, when that one is accepted, this server is remembered as one that
 * never names runs, so later dispatches leave the field out. A 400 sent the second time too was
 * about something else, and nothing is remembered.
 */
final class GitHubDispatcher {

  private static final Logger log = LoggerFactory.getLogger(GitHubDispatcher.class);

  private final GitHubApi api;
  private final Clock clock;
  private final AtomicBoolean runDetailsUnsupported = new AtomicBoolean();

  GitHubDispatcher(GitHubApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /**
   * @return the run GitHub started, or empty when it accepted the dispatch without naming it
   */
  Optional<RunRef> dispatch(CiDispatch dispatch, Map<String, String> inputs, String token)
      throws CiException {
    String path =
        "%s/actions/workflows/%s/dispatches"
            .formatted(GitHubApi.repoPath(dispatch.repo()), GitHubApi.encode(dispatch.workflow()));
    boolean askForRun = !runDetailsUnsupported.get();
    GitHubResponse response = api.post(path, body(dispatch, inputs, askForRun), token);
    if (response.status() == 400 && askForRun) {
      response = api.post(path, body(dispatch, inputs, false), token);
      if (response.successful()) {
        runDetailsUnsupported.set(true);
        log.info(
            "GitHub at {} refuses return_run_details: runs are found by listing", api.baseUrl());
      }
    }
    if (!response.successful()) {
      String what = "dispatch of %s on %s".formatted(dispatch.workflow(), dispatch.repo());
      throw GitHubResponses.failure(response, what, clock);
    }
    JsonNode details = response.json();
    if (!details.hasNonNull("workflow_run_id")) {
      return Optional.empty();
    }
    String id = details.path("workflow_run_id").asText();
    String url = details.path("html_url").asText(null);
    return Optional.of(new RunRef("github", dispatch.repo(), id, url));
  }

  private static Map<String, Object> body(
      CiDispatch dispatch, Map<String, String> inputs, boolean askForRun) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref", dispatch.ref());
    body.put("inputs", inputs);
    if (askForRun) {
      body.put("return_run_details", true);
    }
    return body;
  }
}
