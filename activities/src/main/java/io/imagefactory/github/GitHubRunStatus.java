package io.imagefactory.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.rebuild.NeverStarted;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a workflow run ({@code GET /repos/{o}/{r}/actions/runs/{id}}) as a {@link RunConclusion}.
 * Only {@code success} counts as built. {@code skipped} and {@code stale} runs built nothing and
 * are {@link RunConclusion#NEVER_STARTED}; {@code neutral}, {@code action_required}, {@code
 * startup_failure} and any conclusion GitHub adds later are failures, so the candidates are kept. A
 * run queued longer than {@code neverStartedAfter} never started (GitHub drops jobs queued for 24
 * hours); a run {@code waiting} for a deployment approval is left to the person who approves.
 */
final class GitHubRunStatus {

  static final Duration NEVER_STARTED_AFTER = Duration.ofHours(24);

  private static final Set<String> NOT_STARTED = Set.of("queued", "requested", "pending");

  private final Clock clock;
  private final NeverStarted neverStarted;

  GitHubRunStatus(Clock clock, Duration neverStartedAfter) {
    this.clock = clock;
    this.neverStarted = new NeverStarted(neverStartedAfter);
  }

  /** The run's conclusion, or empty while it is queued, waiting or running. */
  Optional<RunConclusion> read(RunRef run, JsonNode json) {
    String url = json.path("html_url").asText(run.url());
    String status = json.path("status").asText("");
    if (!"completed".equals(status)) {
      if (!NOT_STARTED.contains(status)) {
        return Optional.empty();
      }
      return neverStarted.check(
          "GitHub run " + run.runId() + " in " + run.repo(),
          url,
          status,
          instant(json.path("created_at")),
          clock.instant());
    }
    String conclusion = json.path("conclusion").asText("");
    Instant completedAt =
        Objects.requireNonNullElseGet(instant(json.path("updated_at")), clock::instant);
    String detail =
        "GitHub run %s %s"
            .formatted(
                run.runId(), conclusion.isEmpty() ? "completed without a conclusion" : conclusion);
    return Optional.of(new RunConclusion(ours(conclusion), url, detail, completedAt));
  }

  private static String ours(String conclusion) {
    return switch (conclusion) {
      case "success" -> RunConclusion.SUCCEEDED;
      case "cancelled" -> RunConclusion.CANCELLED;
      case "timed_out" -> RunConclusion.TIMED_OUT;
      case "skipped", "stale" -> RunConclusion.NEVER_STARTED;
      default -> RunConclusion.FAILED;
    };
  }

  private static Instant instant(JsonNode value) {
    try {
      return value.isTextual() ? Instant.parse(value.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
