package io.imagefactory.starter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The worker's HTTP API as the CLI uses it; the webhook token goes only into the header. */
final class WorkerApi {

  static final String IMAGE_EVENTS = "/api/v1/events/image";
  static final String IMAGES = "/api/v1/images";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final URI base;
  private final String token;
  private final HttpClient http;

  WorkerApi(String baseUrl, String token) {
    this.base = parse(baseUrl);
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** A worker answer: HTTP status and body. */
  record Answer(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body on one line, shortened, for messages. */
    String summary() {
      String line = body.strip().replaceAll("\\s+", " ");
      return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
  }

  boolean hasToken() {
    return token != null;
  }

  /** The endpoint under the base URL, which may carry a path prefix (behind a proxy). */
  URI uri(String path) {
    return URI.create(base + path);
  }

  Answer postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  Answer get(String path) {
    return send(request(path).header("Accept", "application/json").GET());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(response.statusCode(), response.body());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw CommandFailure.unreachable(
          "cannot reach the worker at " + base + ": is it running? " + TemporalSession.START_HINT);
    } catch (HttpTimeoutException e) {
      throw CommandFailure.unreachable(
          "the worker at " + base + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + "s");
    } catch (IOException e) {
      throw CommandFailure.ioError("request to the worker at " + base + " failed: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CommandFailure.ioError("interrupted while waiting for the worker at " + base);
    }
  }

  private static URI parse(String url) {
    try {
      URI uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new URISyntaxException(url, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CommandFailure.invalidInput("--worker-url '" + url + "' is not an http(s) URL");
    }
  }
}
