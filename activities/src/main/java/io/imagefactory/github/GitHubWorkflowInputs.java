package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiDispatch;
import io.imagefactory.rebuild.CiException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps only the inputs the workflow declares at the dispatched ref, since GitHub answers 422
 * "Unexpected inputs" to any other. The workflow file is read through the contents API (the token
 * needs {@code contents: read}) and handed to the workflow-file parser; when the parser cannot
 * tell, every input is sent and GitHub has the last word.
 */
final class GitHubWorkflowInputs {

  /** What goes out, and what was left out because the workflow does not declare it. */
  record Selection(Map<String, String> sent, Set<String> dropped) {}

  private final GitHubApi api;
  private final Function<String, Optional<Set<String>>> declaredInputs;
  private final Clock clock;

  GitHubWorkflowInputs(
      GitHubApi api, Function<String, Optional<Set<String>>> declaredInputs, Clock clock) {
    this.api = api;
    this.declaredInputs = declaredInputs;
    this.clock = clock;
  }

  Selection select(CiDispatch dispatch, String token) throws CiException {
    if (dispatch.inputs().isEmpty()) {
      return new Selection(Map.of(), Set.of());
    }
    Optional<Set<String>> declared = workflowText(dispatch, token).flatMap(declaredInputs);
    if (declared.isEmpty()) {
      return new Selection(new TreeMap<>(dispatch.inputs()), Set.of());
    }
    Map<String, String> sent = new TreeMap<>(dispatch.inputs());
    sent.keySet().retainAll(declared.get());
    Set<String> dropped = new TreeSet<>(dispatch.inputs().keySet());
    dropped.removeAll(sent.keySet());
    return new Selection(sent, dropped);
  }

  private Optional<String> workflowText(CiDispatch dispatch, String token) throws CiException {
    String repoPath = GitHubApi.repoPath(dispatch.repo());
    String file = workflowFile(dispatch, repoPath, token);
    GitHubResponse response =
        api.get(
            repoPath + "/contents/" + segments(file) + "?ref=" + GitHubApi.encode(dispatch.ref()),
            token);
    String what = "read of " + file + " in " + dispatch.repo() + " at " + dispatch.ref();
    if (response.status() == 404) {
      throw CiException.rejected(
          "GitHub has no %s in %s at %s (404, or the token may not read contents): %s"
              .formatted(file, dispatch.repo(), dispatch.ref(), response.message()));
    }
    if (!response.successful()) {
      throw GitHubResponses.failure(response, what, clock);
    }
    JsonNode json = response.json();
    // Files over 1 MB come back with encoding "none" and no content: the inputs cannot be told.
    if (!"base64".equals(json.path("encoding").asText())) {
      return Optional.empty();
    }
    byte[] text = Base64.getMimeDecoder().decode(json.path("content").asText(""));
    return Optional.of(new String(text, StandardCharsets.UTF_8));
  }

  /** The file's path; a workflow given by its numeric id is looked up first. */
  private String workflowFile(CiDispatch dispatch, String repoPath, String token)
      throws CiException {
    if (!dispatch.workflow().chars().allMatch(Character::isDigit)) {
      return ".github/workflows/" + dispatch.workflow();
    }
    GitHubResponse response =
        api.get(repoPath + "/actions/workflows/" + dispatch.workflow(), token);
    if (!response.successful()) {
      throw GitHubResponses.failure(
          response, "lookup of workflow " + dispatch.workflow() + " on " + dispatch.repo(), clock);
    }
    return response.json().path("path").asText();
  }

  private static String segments(String path) {
    return Arrays.stream(path.split("/")).map(GitHubApi::encode).collect(Collectors.joining("/"));
  }
}
