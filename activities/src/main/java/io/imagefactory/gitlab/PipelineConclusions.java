package io.imagefactory.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.HumanText;
import io.imagefactory.rebuild.NeverStarted;
import io.imagefactory.rebuild.RunConclusion;
import io.imagefactory.rebuild.RunRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a GitLab pipeline's {@code status} as a {@link RunConclusion}, or empty while it is on its
 * way. {@code skipped} is {@link RunConclusion#NEVER_STARTED}: GitLab skipped every job (rules,
 * {@code [ci skip]}), so nothing was built and nothing failed. A pipeline still waiting to start
 * (created, waiting for a resource, pending) once {@code neverStartedAfter} has passed since its
 * {@code created_at} is never started too; it is left as it is at GitLab and may still run.
 */
final class PipelineConclusions {

  private static final Logger log = LoggerFactory.getLogger(PipelineConclusions.class);

  private static final Set<String> WAITING_TO_START =
      Set.of("created", "waiting_for_resource", "pending");
  private static final Set<String> UNDER_WAY =
      Set.of("preparing", "running", "scheduled", "manual", "canceling", "waiting_for_callback");

  private final Clock clock;
  private final NeverStarted neverStarted;

  PipelineConclusions(Clock clock, Duration neverStartedAfter) {
    this.clock = clock;
    this.neverStarted = new NeverStarted(neverStartedAfter);
  }

  /** The conclusion of the pipeline GitLab returned for {@code run}; empty while in flight. */
  Optional<RunConclusion> read(RunRef run, JsonNode pipeline) {
    String status = pipeline.path("status").asText("");
    String url = pipeline.path("web_url").asText(run.url());
    String name = "GitLab pipeline " + run.runId() + " in " + run.repo();
    Instant ended = time(pipeline, "finished_at").orElseGet(() -> updatedOrNow(pipeline));
    String conclusion =
        switch (status) {
          case "success" -> RunConclusion.SUCCEEDED;
          case "failed" -> RunConclusion.FAILED;
          case "canceled" -> RunConclusion.CANCELLED;
          default -> null;
        };
    if (conclusion != null) {
      return Optional.of(new RunConclusion(conclusion, url, said(name, pipeline), ended));
    }
    if ("skipped".equals(status)) {
      return Optional.of(
          new RunConclusion(
              RunConclusion.NEVER_STARTED,
              url,
              name + " skipped: GitLab ran none of its jobs, so nothing was built",
              ended));
    }
    if (WAITING_TO_START.contains(status)) {
      return neverStarted.check(
          name, url, status, time(pipeline, "created_at").orElse(null), clock.instant());
    } else if (!UNDER_WAY.contains(status)) {
      // GitLab adds transitional statuses now and then (canceling, waiting_for_callback); ending
      // the follow on one would misreport a live pipeline, so an unknown status is in flight.
      log.warn("{} has status '{}', not known here; following it as in flight", name, status);
    }
    return Optional.empty();
  }

  /** A pipeline we created that GitLab no longer has: deleted, or gone with its project's move. */
  RunConclusion gone(RunRef run) {
    return new RunConclusion(
        RunConclusion.NEVER_STARTED,
        run.url(),
        String.format(
            "GitLab pipeline %s no longer exists in %s (deleted, or the project was moved);"
                + " whether it ran is unknown",
            run.runId(), run.repo()),
        clock.instant());
  }

  private static String said(String name, JsonNode pipeline) {
    String status = pipeline.path("status").asText();
    String label = pipeline.path("detailed_status").path("label").asText("");
    String detail = name + " " + status;
    if (!label.isEmpty() && !label.equals(status)) {
      detail += " (" + label + ")";
    }
    String yamlErrors = pipeline.path("yaml_errors").asText("");
    return yamlErrors.isEmpty() ? detail : detail + ": " + HumanText.printable(yamlErrors, 300);
  }

  private Instant updatedOrNow(JsonNode pipeline) {
    return time(pipeline, "updated_at").orElseGet(clock::instant);
  }

  private static Optional<Instant> time(JsonNode pipeline, String field) {
    String value = pipeline.path(field).asText("");
    try {
      return value.isEmpty()
          ? Optional.empty()
          : Optional.of(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
