package io.imagefactory.worker.webhook;

import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.catalog.RebuildDelay;
import io.imagefactory.whatif.RebuildPreview;
import io.imagefactory.whatif.UnknownBaseException;
import io.imagefactory.whatif.WhatIfPlanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/plan?base=<repoURL:tag>[&runDuration=15m][&now=<instant>]}: the what-if of
 * {@code image-factory plan --what-if}, run by the worker with its live rebuild-budget limits over
 * its in-memory index of the state repository. Read-only; the headers say how old the index is.
 */
@RestController
class PlanController {

  private final ImageDirectory directory;
  private final ObjectProvider<BudgetLimits> limits;
  private final Clock clock;

  /** The limits come from the worker's configuration; a web slice without it answers 503. */
  PlanController(
      ImageDirectory directory, ObjectProvider<BudgetLimits> limits, ObjectProvider<Clock> clock) {
    this.directory = directory;
    this.limits = limits;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  @GetMapping("/api/v1/plan")
  ResponseEntity<RebuildPreview> plan(
      @RequestParam(required = false) String base,
      @RequestParam(required = false) String runDuration,
      @RequestParam(required = false) String now) {
    Duration run = runDuration == null ? WhatIfPlanner.DEFAULT_RUN_DURATION : duration(runDuration);
    Instant at = now == null ? clock.instant() : instant(now);
    BudgetLimits budget = limits.getIfAvailable();
    if (budget == null) {
      throw ApiProblem.unavailable("this worker has no rebuild budget configured", Map.of());
    }
    ImageDirectory.Freshness freshness = directory.freshness();
    RebuildPreview preview;
    try {
      preview = new WhatIfPlanner().plan(directory.states(), base, at, run, budget);
    } catch (UnknownBaseException e) {
      throw ApiProblem.notFound(e.getMessage(), Map.of("closest", e.closest()));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("base", e.getMessage());
    }
    return ResponseEntity.ok()
        .header(HttpHeaders.AGE, Long.toString(freshness.ageSeconds()))
        .header(ImagesController.STATE_COMMIT, freshness.commit())
        .body(preview);
  }

  private static Duration duration(String text) {
    try {
      return RebuildDelay.parse(text);
    } catch (RuntimeException e) {
      throw ApiProblem.badRequest(
          "runDuration", "'" + text + "' is not a duration such as 15m or PT15M");
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "now", "'" + text + "' is not an instant such as 2025-06-09T08:00:00Z");
    }
  }
}
