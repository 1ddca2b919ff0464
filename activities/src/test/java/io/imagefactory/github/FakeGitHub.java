package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local GitHub for tests: the JDK's HTTP server on 127.0.0.1 and a random port, under an
 * Enterprise-style {@code /api/v3} root, answering each route from a queue of answers (the last one
 * repeats) and recording every request it receives.
 */
public final class FakeGitHub implements AutoCloseable {

  public static final String ROOT = "/api/v3";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the fake saw it; header names are lower case. */
  public record Request(
      String method, String path, String query, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** An answer to send; {@link #DROP} closes the connection without one. */
  public record Answer(int status, Map<String, String> headers, String body) {

    public static final Answer DROP = new Answer(-1, Map.of(), "");

    public static Answer json(int status, String body) {
      return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }

    public static Answer fixture(int status, String name, String... vars) {
      return json(status, Fixtures.read(name, vars));
    }

    public static Answer empty(int status) {
      return new Answer(status, Map.of(), "");
    }

    public Answer with(String header, String value) {
      Map<String, String> all = new LinkedHashMap<>(headers);
      all.put(header, value);
      return new Answer(status, all, body);
    }
  }

  /** Answers computed from the request (the JWT check, say). */
  public interface Responder {
    Answer answer(Request request);
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<Responder>> routes = new ConcurrentHashMap<>();

  private FakeGitHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeGitHub start() {
    try {
      return new FakeGitHub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + ROOT);
  }

  /**
   * Answers {@code method path} (below the API root, without the query) with {@code answers} in
   * turn, the last one from then on; replaces what the route answered before.
   */
  public FakeGitHub on(String method, String path, Answer... answers) {
    Deque<Responder> queue = new ArrayDeque<>();
    for (Answer answer : answers) {
      queue.add(request -> answer);
    }
    routes.put(method + " " + path, queue);
    return this;
  }

  /** Answers {@code method path} with what {@code responder} computes from each request. */
  public FakeGitHub on(String method, String path, Responder responder) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(responder)));
    return this;
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> requests(String method, String path) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    Request request =
        new Request(
            exchange.getRequestMethod(),
            // Outside the root nothing is routed: a client that drops the root gets 404s.
            path.startsWith(ROOT + "/") ? path.substring(ROOT.length()) : path,
            exchange.getRequestURI().getRawQuery(),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    requests.add(request);
    Answer answer =
        next(request.method() + " " + request.path())
            .map(responder -> responder.answer(request))
            .orElse(Answer.fixture(404, "github/error-not-found.json"));
    if (answer.status() < 0) {
      exchange.close();
      return;
    }
    answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  private Optional<Responder> next(String route) {
    Deque<Responder> queue = routes.get(route);
    if (queue == null) {
      return Optional.empty();
    }
    synchronized (queue) {
      return Optional.of(queue.size() > 1 ? queue.poll() : queue.peek());
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
