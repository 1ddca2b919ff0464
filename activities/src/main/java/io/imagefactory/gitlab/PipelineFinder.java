package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.CiException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the pipeline an earlier attempt of a rebuild created, by the correlation variable every
 * pipeline we create carries, so that a retry does not create a second one. It reads the newest
 * {@link #MAX_CANDIDATES} API pipelines on the branch updated since shortly before the rebuild was
 * requested, and the variables of each until one matches.
 */
final class PipelineFinder {

  /** Pipelines whose variables are read at most: each costs one request. */
  static final int MAX_CANDIDATES = 20;

  /** How far the worker's clock and GitLab's may disagree. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private final GitLabApi api;

  PipelineFinder(GitLabApi api) {
    this.api = api;
  }

  /** The pipeline (as GitLab lists it) whose {@code variable} is {@code rebuildId}, if any. */
  Optional<JsonNode> find(
      String project, String ref, String variable, String rebuildId, Instant requestedAt)
      throws CiException {
    Map<String, String> filter = new LinkedHashMap<>();
    filter.put("ref", ref);
    filter.put("source", "api");
    // Without a request time the newest candidates are still checked; only the filter is lost.
    if (requestedAt != null) {
      filter.put("updated_after", requestedAt.minus(CLOCK_SKEW).toString());
    }
    filter.put("order_by", "id");
    filter.put("sort", "desc");
    filter.put("per_page", String.valueOf(MAX_CANDIDATES));
    String pipelines = "/projects/" + GitLabApi.projectId(project) + "/pipelines";
    String listing = "listing the pipelines on " + ref + " in project " + project;
    JsonNode candidates =
        api.expect(api.get(pipelines + GitLabApi.query(filter), listing), listing);
    int read = 0;
    for (JsonNode candidate : candidates) {
      if (read++ == MAX_CANDIDATES) {
        break;
      }
      String id = candidate.path("id").asText();
      String reading = "reading the variables of pipeline " + id + " in project " + project;
      GitLabApi.Answer variables = api.get(pipelines + "/" + id + "/variables", reading);
      // Deleted between the listing and now: it is not the one we look for any more.
      if (variables.status() == 404) {
        continue;
      }
      for (JsonNode v : api.expect(variables, reading)) {
        if (variable.equals(v.path("key").asText()) && rebuildId.equals(v.path("value").asText())) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
