package io.imagefactory.signature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads manifests and blobs through the OCI distribution API. A {@code 401} is answered the way
 * Docker does: a Bearer challenge gets a token from its realm (anonymously, or with the {@code
 * config.json} credentials of the registry), a Basic challenge gets those credentials. Tokens are
 * kept per repository for the time they are valid. Redirects (blob storage) are followed without
 * the authorization header, which belongs to the registry alone.
 */
final class RegistryClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_REDIRECTS = 3;
  private static final int MAX_TOKEN_BYTES = 64 * 1024;
  private static final Duration DEFAULT_TOKEN_LIFE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final RegistryHosts hosts;
  private final RegistryCredentials credentials;
  private final Map<String, Authorization> authorizations = new ConcurrentHashMap<>();

  private record Authorization(String header, long expiresAtNanos) {}

  RegistryClient(RegistryHosts hosts, RegistryCredentials credentials) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.hosts = hosts;
    this.credentials = credentials;
  }

  /**
   * {@code GET /v2/<name>/<path>} of {@code registry}.
   *
   * @param accept media types for the {@code Accept} header
   * @param maxBytes a longer body is an error: a registry must not make us read without end
   */
  RegistryResponse get(
      String registry, String name, String path, List<String> accept, int maxBytes) {
    URI uri = hosts.baseUri(registry).resolve("v2/" + name + "/" + path);
    String key = registry + "/" + name;
    try {
      HttpResponse<InputStream> response = send(uri, accept, current(key));
      if (response.statusCode() == 401) {
        Optional<Authorization> authorization = authorize(registry, name, response);
        drain(response);
        if (authorization.isPresent()) {
          authorizations.put(key, authorization.get());
          response = send(uri, accept, authorization.get().header());
        } else {
          return new RegistryResponse(401, null, new byte[0]);
        }
      }
      return follow(response, accept, maxBytes, uri);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot reach registry " + registry + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading registry " + registry, e);
    }
  }

  private RegistryResponse follow(
      HttpResponse<InputStream> response, List<String> accept, int maxBytes, URI uri)
      throws IOException, InterruptedException {
    for (int hop = 0; isRedirect(response.statusCode()); hop++) {
      Optional<String> location = response.headers().firstValue("Location");
      drain(response);
      if (hop >= MAX_REDIRECTS || location.isEmpty()) {
        throw new IOException("too many redirects from " + uri);
      }
      uri = uri.resolve(location.get());
      response = send(uri, accept, null);
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      drain(response);
      throw new IOException("the registry answered " + status + " for " + uri.getPath());
    }
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      if (body.length > maxBytes) {
        throw new IOException(uri.getPath() + " is larger than " + maxBytes + " bytes");
      }
      return new RegistryResponse(
          status, response.headers().firstValue("Content-Type").orElse(null), body);
    }
  }

  private String current(String key) {
    Authorization known = authorizations.get(key);
    if (known == null || System.nanoTime() - known.expiresAtNanos() > 0) {
      return null;
    }
    return known.header();
  }

  private Optional<Authorization> authorize(String registry, String name, HttpResponse<?> challenge)
      throws IOException, InterruptedException {
    String header = challenge.headers().firstValue("WWW-Authenticate").orElse("");
    Optional<String> basic = credentials.basicFor(registry);
    if (header.regionMatches(true, 0, "Basic", 0, 5)) {
      return basic.map(b -> new Authorization(b, expiry(DEFAULT_TOKEN_LIFE)));
    }
    Optional<BearerChallenge> bearer = BearerChallenge.parse(header);
    if (bearer.isEmpty()) {
      return Optional.empty();
    }
    return token(bearer.get(), name, registry, basic);
  }

  private Optional<Authorization> token(
      BearerChallenge challenge, String name, String registry, Optional<String> basic)
      throws IOException, InterruptedException {
    String scope = challenge.scope() == null ? "repository:" + name + ":pull" : challenge.scope();
    StringBuilder query = new StringBuilder("scope=").append(encode(scope));
    if (challenge.service() != null) {
      query.append("&service=").append(encode(challenge.service()));
    }
    URI realm = URI.create(challenge.realm());
    URI uri = URI.create(realm + (realm.getQuery() == null ? "?" : "&") + query);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    // Credentials go to a realm over HTTPS, or on the registry's own host.
    if (basic.isPresent()
        && ("https".equals(uri.getScheme()) || uri.getHost().equals(hostOf(registry)))) {
      request.header("Authorization", basic.get());
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(MAX_TOKEN_BYTES);
    }
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    JsonNode json = JSON.readTree(body);
    String token = json.hasNonNull("token") ? json.get("token").asText() : null;
    if (token == null && json.hasNonNull("access_token")) {
      token = json.get("access_token").asText();
    }
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    long life = json.hasNonNull("expires_in") ? json.get("expires_in").asLong() : 0;
    Duration valid = life > 0 ? Duration.ofSeconds(life) : DEFAULT_TOKEN_LIFE;
    return Optional.of(new Authorization("Bearer " + token, expiry(valid)));
  }

  /** A token is used until shortly before it expires. */
  private static long expiry(Duration life) {
    Duration margin =
        life.compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(10) : Duration.ZERO;
    return System.nanoTime() + life.minus(margin).toNanos();
  }

  private HttpResponse<InputStream> send(URI uri, List<String> accept, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (!accept.isEmpty()) {
      request.header("Accept", String.join(", ", accept));
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static void drain(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      in.skip(Long.MAX_VALUE);
    }
  }

  private static String hostOf(String registry) {
    int colon = registry.lastIndexOf(':');
    return colon < 0 ? registry : registry.substring(0, colon);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
