package io.imagefactory.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A caller of a running worker's API, as Kargo and the CLI call it: JSON with the bearer token. */
public final class WorkerHttp {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private WorkerHttp() {}

  public static HttpResponse<String> post(String baseUrl, String token, String path, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A Kargo image event for {@code repoURL:tag} at {@code digest}. */
  public static String imageEvent(String repoURL, String tag, String digest) {
    return "{\"repoURL\":\""
        + repoURL
        + "\",\"tag\":\""
        + tag
        + "\",\"digest\":\""
        + digest
        + "\",\"warehouse\":\"w\",\"freight\":\"f\"}";
  }
}
