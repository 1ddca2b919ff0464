package io.imagefactory.signature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server in front of the real registry, for what distribution 2.8 does not do by
 * itself: the OCI referrers API (answered from the indexes a test registers) and a Bearer token
 * flow (a {@code 401} challenge naming this server's {@code /token} realm, which may require Basic
 * credentials). Everything else is passed to the registry unchanged; every request is recorded.
 */
final class FrontServer implements AutoCloseable {

  private static final Pattern REFERRERS =
      Pattern.compile("/v2/(.+)/referrers/(sha256:[0-9a-f]{64})");

  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  final List<String> tokenAuthorizations = new CopyOnWriteArrayList<>();
  final Map<String, List<String>> referrers = new ConcurrentHashMap<>();
  volatile boolean servesReferrers;
  volatile boolean requiresToken;
  volatile String requiredBasic;

  private final Set<String> issued = ConcurrentHashMap.newKeySet();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI registry;

  FrontServer(URI registry) throws IOException {
    this.registry = registry;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/v2/", this::registryApi);
    server.start();
  }

  /** {@code 127.0.0.1:<port>}. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.add(exchange.getRequestURI().getRawQuery());
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    tokenAuthorizations.add(authorization == null ? "" : authorization);
    if (requiredBasic != null && !requiredBasic.equals(authorization)) {
      respond(exchange, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
      return;
    }
    String token = UUID.randomUUID().toString();
    issued.add("Bearer " + token);
    respond(exchange, 200, "application/json", "{\"token\":\"" + token + "\",\"expires_in\":300}");
  }

  private void registryApi(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    if (requiresToken
        && !issued.contains(
            String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")))) {
      Matcher named = Pattern.compile("/v2/(.+)/(manifests|blobs|referrers)/.*").matcher(path);
      String scope =
          named.matches() ? "repository:" + named.group(1) + ":pull" : "registry:catalog:*";
      exchange
          .getResponseHeaders()
          .add(
              "WWW-Authenticate",
              "Bearer realm=\"http://"
                  + host()
                  + "/token\",service=\"front\",scope=\""
                  + scope
                  + "\"");
      respond(exchange, 401, "application/json", "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
      return;
    }
    Matcher referrer = REFERRERS.matcher(path);
    if (servesReferrers && referrer.matches()) {
      List<String> descriptors = referrers.getOrDefault(referrer.group(2), List.of());
      respond(
          exchange,
          200,
          SignatureFinder.OCI_INDEX,
          "{\"schemaVersion\":2,\"mediaType\":\""
              + SignatureFinder.OCI_INDEX
              + "\",\"manifests\":["
              + String.join(",", descriptors)
              + "]}");
      return;
    }
    forward(exchange);
  }

  private void forward(HttpExchange exchange) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(registry.resolve(exchange.getRequestURI().toString().substring(1)))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    if (accept != null) {
      request.header("Accept", accept);
    }
    try {
      HttpResponse<byte[]> answer =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      answer
          .headers()
          .firstValue("Content-Type")
          .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
      answer
          .headers()
          .firstValue("Location")
          .ifPresent(location -> exchange.getResponseHeaders().add("Location", location));
      byte[] body = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      respond(exchange, 502, "text/plain", "interrupted");
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
