package io.imagefactory.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.http.HttpHeaders;

/**
 * One answer from GitHub, whatever its status: callers decide which statuses they expect (a 404
 * run, a 400 from an old Enterprise Server) and hand the rest to {@link GitHubResponses}.
 *
 * @param status the HTTP status
 * @param headers the response headers (rate-limit hints live here)
 * @param body the response text, empty for 204
 */
record GitHubResponse(int status, HttpHeaders headers, String body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  boolean successful() {
    return status >= 200 && status < 300;
  }

  String header(String name) {
    return headers.firstValue(name).map(String::strip).orElse(null);
  }

  /** The body as JSON; a missing node when it is empty or not JSON (an HTML error page). */
  JsonNode json() {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  /** GitHub's own words: {@code message} plus the {@code errors[].message} a 422 adds. */
  String message() {
    JsonNode json = json();
    StringBuilder text = new StringBuilder(json.path("message").asText(""));
    for (JsonNode error : json.path("errors")) {
      String detail = error.isTextual() ? error.asText() : error.path("message").asText("");
      if (!detail.isEmpty()) {
        text.append(text.isEmpty() ? "" : "; ").append(detail);
      }
    }
    return text.isEmpty() ? "no message" : text.toString().strip();
  }
}
