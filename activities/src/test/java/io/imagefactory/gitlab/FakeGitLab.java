package io.imagefactory.gitlab;

import static io.imagefactory.gitlab.FakePipelines.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.imagefactory.gitlab.FakePipelines.Pipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local GitLab for tests: the JDK's HttpServer on 127.0.0.1 and a free port, speaking the REST
 * API v4 pipeline endpoints the provider uses (create, list, get, variables) with GitLab's bodies
 * and headers, and recording every request. It knows the projects it is given (branch {@code
 * main}), accepts one token at a time, and can answer the next request with a canned reply or store
 * the next create and never answer it.
 */
final class FakeGitLab implements AutoCloseable {

  private record Canned(String method, String rawPathEnd, CannedReply reply) {}

  private static final String API = "/api/v4/projects/";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakePipelines pipelines;
  private final Set<String> projects = Collections.synchronizedSet(new HashSet<>());
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<Canned> canned = new ArrayList<>();
  private final AtomicBoolean holdNextCreate = new AtomicBoolean();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile String token;
  private volatile Instant now = Instant.parse("2025-03-01T09:00:00Z");

  private FakeGitLab(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    pipelines = new FakePipelines(baseUrl().toString());
    server.createContext("/", this::handle);
    server.start();
  }

  static FakeGitLab start(String token) throws IOException {
    return new FakeGitLab(token);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  FakeGitLab project(String path) {
    projects.add(path);
    return this;
  }

  /** From now on only {@code token} is accepted, as after a rotation. */
  void acceptOnly(String token) {
    this.token = token;
  }

  /** The time GitLab stamps on the pipelines it creates. */
  void now(Instant now) {
    this.now = now;
  }

  Pipeline addPipeline(
      String project, String ref, String status, Instant createdAt, Map<String, String> variables) {
    return pipelines.add(project, ref, "api", status, createdAt, variables);
  }

  Pipeline addPipeline(
      String project,
      String ref,
      String source,
      String status,
      Instant createdAt,
      Map<String, String> variables) {
    return pipelines.add(project, ref, source, status, createdAt, variables);
  }

  void deletePipeline(long id) {
    pipelines.remove(id);
  }

  List<Pipeline> pipelines(String project) {
    return pipelines.of(project);
  }

  /** The next request, whatever it is, gets {@code reply}. */
  void replyNext(CannedReply reply) {
    replyNext(null, "", reply);
  }

  /**
   * The next {@code method} request whose raw path ends in {@code rawPathEnd} gets {@code reply}.
   */
  void replyNext(String method, String rawPathEnd, CannedReply reply) {
    synchronized (canned) {
      canned.add(new Canned(method, rawPathEnd, reply));
    }
  }

  /** The next create is stored but its answer never comes, as when a client times out. */
  void holdNextCreate() {
    holdNextCreate.set(true);
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  List<RecordedRequest> requests(String method, String rawPathEnd) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.rawPath().endsWith(rawPathEnd))
        .toList();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      RecordedRequest request =
          new RecordedRequest(
              exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
      requests.add(request);
      CannedReply reply = cannedFor(request);
      send(exchange, reply != null ? reply : route(request));
    }
  }

  private CannedReply cannedFor(RecordedRequest request) {
    synchronized (canned) {
      for (Canned c : canned) {
        if ((c.method() == null || c.method().equals(request.method()))
            && request.rawPath().endsWith(c.rawPathEnd())) {
          canned.remove(c);
          return c.reply();
        }
      }
      return null;
    }
  }

  private CannedReply route(RecordedRequest request) throws IOException {
    if (!token.equals(request.header("PRIVATE-TOKEN"))) {
      return CannedReply.fixture(401, "401-unauthorized.json");
    }
    if (!request.rawPath().startsWith(API)) {
      return json(404, JSON.createObjectNode().put("error", "404 Not Found"));
    }
    // A project path with a raw slash lands on other routes at GitLab too: it must be encoded.
    String[] parts = request.rawPath().substring(API.length()).split("/", -1);
    String project = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
    if (!projects.contains(project)) {
      return CannedReply.fixture(404, "404-project-not-found.json");
    }
    String route =
        request.method()
            + " "
            + String.join("/", List.of(parts).subList(1, parts.length)).replaceAll("\\d+", "{id}");
    return switch (route) {
      case "POST pipeline" -> create(project, request);
      case "GET pipelines" -> list(project, request.query());
      case "GET pipelines/{id}" ->
          pipelines
              .find(project, Long.parseLong(parts[2]))
              .map(p -> json(200, pipelines.full(p)))
              .orElse(CannedReply.fixture(404, "404-not-found.json"));
      case "GET pipelines/{id}/variables" ->
          pipelines
              .find(project, Long.parseLong(parts[2]))
              .map(p -> json(200, pipelines.variables(p)))
              .orElse(CannedReply.fixture(404, "404-not-found.json"));
      default -> json(404, JSON.createObjectNode().put("error", "404 Not Found"));
    };
  }

  private CannedReply create(String project, RecordedRequest request) {
    JsonNode body = request.json();
    String ref = body.path("ref").asText("");
    if (ref.isEmpty()) {
      return json(400, JSON.createObjectNode().put("error", "ref is missing"));
    }
    if (!"main".equals(ref)) {
      return CannedReply.fixture(400, "400-reference-not-found.json");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    body.path("variables")
        .forEach(v -> variables.put(v.path("key").asText(), v.path("value").asText()));
    Pipeline created = pipelines.add(project, ref, "api", "created", now, variables);
    if (holdNextCreate.compareAndSet(true, false)) {
      try {
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return json(201, pipelines.full(created));
  }

  private CannedReply list(String project, Map<String, String> query) {
    List<Pipeline> found = pipelines.list(project, query);
    int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "20")));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    ArrayNode body = JSON.createArrayNode();
    found.stream()
        .skip((long) (page - 1) * perPage)
        .limit(perPage)
        .forEach(p -> body.add(pipelines.basic(p)));
    int pages = Math.max(1, (found.size() + perPage - 1) / perPage);
    return json(200, body)
        .header("X-Page", String.valueOf(page))
        .header("X-Per-Page", String.valueOf(perPage))
        .header("X-Total", String.valueOf(found.size()))
        .header("X-Total-Pages", String.valueOf(pages))
        .header("X-Next-Page", page < pages ? String.valueOf(page + 1) : "")
        .header("X-Prev-Page", page > 1 ? String.valueOf(page - 1) : "");
  }

  private CannedReply json(int status, JsonNode body) {
    return new CannedReply(status, Map.of("Content-Type", "application/json"), body.toString());
  }

  private void send(HttpExchange exchange, CannedReply reply) throws IOException {
    long reset = now.getEpochSecond() + 60;
    exchange.getResponseHeaders().add("Cache-Control", "max-age=0, private, must-revalidate");
    exchange.getResponseHeaders().add("Vary", "Origin");
    exchange.getResponseHeaders().add("X-Request-Id", "01JN8Q" + requests.size());
    exchange.getResponseHeaders().add("X-Runtime", "0.048213");
    exchange.getResponseHeaders().add("RateLimit-Limit", "2000");
    exchange.getResponseHeaders().add("RateLimit-Observed", String.valueOf(requests.size()));
    exchange
        .getResponseHeaders()
        .add("RateLimit-Remaining", String.valueOf(2000 - requests.size()));
    exchange.getResponseHeaders().set("RateLimit-Reset", String.valueOf(reset));
    reply
        .headers()
        .forEach(
            (name, value) -> {
              if (CannedReply.ABSENT.equals(value)) {
                exchange.getResponseHeaders().remove(name);
              } else {
                exchange.getResponseHeaders().set(name, value);
              }
            });
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
