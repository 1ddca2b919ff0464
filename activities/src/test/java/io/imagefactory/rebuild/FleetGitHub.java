package io.imagefactory.rebuild;

import io.imagefactory.github.FakeGitHub;
import io.imagefactory.github.FakeGitHub.Answer;
import io.imagefactory.github.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local GitHub a fleet rebuilds on: every {@code workflow_dispatch} starts a run that succeeds
 * {@code runLength} of the test server's time later, and every dispatch is recorded with that time,
 * so a test can check what GitHub saw: runs in flight per repository, dispatches per hour.
 */
public final class FleetGitHub implements AutoCloseable {

  /** One dispatch as GitHub saw it. */
  public record Dispatch(String repo, String image, long runId, Instant at, Instant ends) {}

  private static final Pattern DISPATCH =
      Pattern.compile("/repos/([^/]+/[^/]+)/actions/workflows/([^/]+)/dispatches");
  private static final Pattern RUN = Pattern.compile("/repos/([^/]+/[^/]+)/actions/runs/(\\d+)");

  private final FakeGitHub github = FakeGitHub.start();
  private final List<Dispatch> dispatches = new ArrayList<>();
  private final Map<Long, Dispatch> runs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Supplier<Instant> now;
  private final Duration runLength;

  public FleetGitHub(List<String> repos, Supplier<Instant> now, Duration runLength) {
    this.now = now;
    this.runLength = runLength;
    for (String repo : repos) {
      // One route per workflow file: each image has its own, named after it.
      github.on("GET", "/repos/" + repo + "/actions/runs", Fixtures.runs());
    }
  }

  /** Routes the dispatches of {@code workflow} ({@code <image>.yml}) in {@code repo}. */
  public void image(String repo, String workflow) {
    github.on(
        "POST",
        "/repos/" + repo + "/actions/workflows/" + workflow + "/dispatches",
        this::dispatch);
  }

  private Answer dispatch(FakeGitHub.Request request) {
    Matcher path = DISPATCH.matcher(request.path());
    path.matches();
    long id = ids.incrementAndGet();
    Instant at = now.get();
    Dispatch dispatch =
        new Dispatch(
            path.group(1), path.group(2).replaceFirst("\\.yml$", ""), id, at, at.plus(runLength));
    synchronized (dispatches) {
      dispatches.add(dispatch);
    }
    runs.put(id, dispatch);
    github.on("GET", "/repos/" + path.group(1) + "/actions/runs/" + id, this::run);
    String page = "https://github.example/" + path.group(1) + "/actions/runs/" + id;
    return Answer.json(
            200,
            "{\"workflow_run_id\": "
                + id
                + ", \"run_url\": \""
                + github.baseUrl()
                + request.path()
                + "\", \"html_url\": \""
                + page
                + "\"}")
        .with("x-ratelimit-remaining", "4000")
        .with("x-ratelimit-reset", Long.toString(at.plusSeconds(3600).getEpochSecond()));
  }

  private Answer run(FakeGitHub.Request request) {
    Matcher path = RUN.matcher(request.path());
    path.matches();
    Dispatch dispatch = runs.get(Long.parseLong(path.group(2)));
    boolean done = !now.get().isBefore(dispatch.ends());
    return Answer.json(
        200,
        Fixtures.run(
            dispatch.runId(),
            "Build " + dispatch.image(),
            dispatch.at(),
            done ? "completed" : "in_progress",
            done ? "success" : null));
  }

  /** Answers {@code method path} with {@code answer}, beside the dispatch and run routes. */
  public void on(String method, String path, Answer answer) {
    github.on(method, path, answer);
  }

  public java.net.URI baseUrl() {
    return github.baseUrl();
  }

  public List<Dispatch> dispatches() {
    synchronized (dispatches) {
      return List.copyOf(dispatches);
    }
  }

  @Override
  public void close() {
    github.close();
  }
}
