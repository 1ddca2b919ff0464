package io.imagefactory.gitlab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.rebuild.CiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GitLab's REST API v4 on the JDK's {@link HttpClient}: each request authenticated with the token
 * read fresh from its file, answered with GitLab's status, headers and JSON. Redirects are not
 * followed, so the token is never sent to another address.
 */
final class GitLabApi {

  /** One answer: the status, the headers, and the body when it is JSON (null otherwise). */
  record Answer(int status, HttpHeaders headers, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  static final String USER_AGENT = "image-factory";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GitLabSettings settings;
  private final HttpClient http;
  private final TokenFile token;
  private final GitLabFailures failures;

  GitLabApi(GitLabSettings settings, Clock clock) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.token = new TokenFile(settings.tokenFile());
    this.failures = new GitLabFailures(settings.baseUrl(), clock);
  }

  /**
   * {@code group/sub/project} as GitLab's {@code :id} path segment: {@code group%2Fsub%2Fproject}.
   */
  static String projectId(String projectPath) {
    return encode(projectPath);
  }

  /** {@code ?a=1&b=2}, each value encoded, in the map's order. */
  static String query(Map<String, String> parameters) {
    return parameters.entrySet().stream()
        .map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
        .collect(Collectors.joining("&", "?", ""));
  }

  Answer get(String path, String doing) throws CiException {
    return send(path, "GET", BodyPublishers.noBody(), doing);
  }

  Answer post(String path, JsonNode body, String doing) throws CiException {
    try {
      return send(path, "POST", BodyPublishers.ofString(JSON.writeValueAsString(body)), doing);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The body of a 2xx answer; any other answer becomes its classified failure. */
  JsonNode expect(Answer answer, String doing) throws CiException {
    if (!answer.ok()) {
      throw failures.classify(answer, doing);
    }
    return answer.body() == null ? JSON.missingNode() : answer.body();
  }

  private Answer send(String path, String method, BodyPublisher body, String doing)
      throws CiException {
    String secret = token.read();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.api(path))
            .timeout(settings.requestTimeout())
            .header("PRIVATE-TOKEN", secret)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT)
            .method(method, body);
    if (!"GET".equals(method)) {
      request.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
      // A proxy that echoes request headers must not carry the token into an error message.
      String text = response.body() == null ? "" : response.body().replace(secret, "[token]");
      return new Answer(response.statusCode(), response.headers(), parse(text));
    } catch (IOException e) {
      throw CiException.unavailable(
          "GitLab at " + settings.baseUrl() + " did not answer " + doing + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CiException.unavailable("Interrupted while " + doing + " on GitLab", e);
    }
  }

  private static JsonNode parse(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException notJson) {
      // Proxies answer 502 and 504 with HTML pages; the status says all they do.
      return null;
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + " (" + e.getMessage() + ")";
  }

  private static String encode(String value) {
    // URLEncoder writes form encoding; a path segment or query wants %20 for a space.
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
