package io.imagefactory.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imagefactory.rebuild.CiException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * GitHub's REST API over the JDK's HTTP client: the one place that sends requests to GitHub, so the
 * headers, the base URL ({@code https://api.github.com} or an Enterprise Server's {@code
 * https://HOST/api/v3}) and the treatment of network errors are decided once. It never retries and
 * never sleeps: a failure goes back to the activity, and Temporal retries it.
 */
public class GitHubApi {

  static final String API_VERSION = "2022-11-28";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  // Short enough that a hung GitHub fails the attempt well inside the activity's timeout.
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final String baseUrl;
  private final HttpClient client;
  private final GitHubRateBudget quota = new GitHubRateBudget();

  public GitHubApi(URI baseUrl) {
    this(
        baseUrl,
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            // A redirect would carry the token to wherever it points; GitHub's 301 for a renamed
            // repository is reported instead, naming the move.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  public GitHubApi(URI baseUrl, HttpClient client) {
    this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
    this.client = client;
  }

  /** The API root, the key under which per-server facts (run details support) are remembered. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The rate budget every answer through this API reports into. */
  GitHubRateBudget quota() {
    return quota;
  }

  GitHubResponse get(String path, String token) throws CiException {
    return send(request(path, token).GET(), "GET " + path, token);
  }

  GitHubResponse post(String path, Object body, String token) throws CiException {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the request body for " + path, e);
    }
    HttpRequest.Builder request =
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    return send(request, "POST " + path, token);
  }

  /** {@code /repos/owner/name}, refusing anything that is not a plain {@code owner/name}. */
  static String repoPath(String repo) throws CiException {
    if (repo == null || !REPO.matcher(repo).matches() || repo.contains("..")) {
      throw CiException.rejected("'" + repo + "' is not a GitHub owner/name repository");
    }
    return "/repos/" + repo;
  }

  /** One path segment or query value, percent-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path, String token) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/vnd.github+json")
        .header("X-GitHub-Api-Version", API_VERSION)
        .header("User-Agent", "image-factory")
        .header("Authorization", "Bearer " + token);
  }

  private GitHubResponse send(HttpRequest.Builder request, String what, String token)
      throws CiException {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      quota.record(token, response.headers());
      return new GitHubResponse(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      // The exception names the URL at most; the Authorization header never reaches a message.
      String why =
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      throw CiException.unavailable(
          "GitHub at %s did not answer %s: %s".formatted(baseUrl, what, why), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CiException.unavailable("interrupted while waiting for GitHub: " + what, e);
    }
  }
}
