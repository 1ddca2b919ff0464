package io.imagefactory.starter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.imagefactory.budget.BudgetLimits;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.whatif.BaseReference;
import io.imagefactory.whatif.RebuildPreview;
import io.imagefactory.whatif.WhatIfPlanner;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code plan --what-if}: offline on a state directory with the limits of the options or the
 * worker's config file, or asked of the worker, which plans with its live limits and state index.
 */
final class WhatIfRun {

  static final String PLAN = "/api/v1/plan";

  private WhatIfRun() {}

  static RebuildPreview offline(Path stateDir, String reference, Instant now, WhatIfOptions options)
      throws IOException {
    if (!Files.isDirectory(stateDir)) {
      throw CommandFailure.ioError("cannot read " + stateDir + ": not a directory");
    }
    StateSnapshot state = new StateDirectoryReader().read(stateDir);
    try {
      return new WhatIfPlanner().plan(state, reference, now, options.runDuration, limits(options));
    } catch (IllegalArgumentException e) {
      throw CommandFailure.invalidInput(e.getMessage());
    }
  }

  static RebuildPreview fromWorker(
      WorkerApi worker, String reference, Instant now, WhatIfOptions options) {
    try {
      BaseReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.invalidInput(e.getMessage());
    }
    String query =
        "?base="
            + URLEncoder.encode(reference, StandardCharsets.UTF_8)
            + "&runDuration="
            + options.runDuration
            + (now == null ? "" : "&now=" + now);
    WorkerApi.Answer answer = worker.get(PLAN + query);
    if (answer.status() == 400 || answer.status() == 404) {
      throw CommandFailure.invalidInput(detail(answer));
    }
    if (!answer.ok()) {
      throw CommandFailure.ioError(
          "the worker answered " + answer.status() + " to " + PLAN + ": " + answer.summary());
    }
    try {
      return CliJson.MAPPER.readValue(answer.body(), RebuildPreview.class);
    } catch (JsonProcessingException e) {
      throw CommandFailure.ioError(
          "the worker's plan is not one this CLI reads: " + e.getOriginalMessage());
    }
  }

  /** The options' limits over the config file's over the worker's defaults. */
  static BudgetLimits limits(WhatIfOptions options) {
    BudgetLimits base =
        options.workerConfig == null
            ? BudgetLimits.defaults()
            : WorkerBudgetConfig.read(options.workerConfig);
    for (Integer value :
        new Integer[] {options.runsPerRepository, options.runsPerHost, options.dispatchesPerHour}) {
      if (value != null && value < 1) {
        throw CommandFailure.invalidInput("budget limits must be at least 1, not " + value);
      }
    }
    return new BudgetLimits(
        options.runsPerRepository == null ? base.runsPerRepository() : options.runsPerRepository,
        options.runsPerHost == null ? base.runsPerHost() : options.runsPerHost,
        options.dispatchesPerHour == null ? base.dispatchesPerHour() : options.dispatchesPerHour,
        base.hosts(),
        base.providerHosts(),
        base.reclaimAfter());
  }

  private static String detail(WorkerApi.Answer answer) {
    try {
      JsonNode problem = CliJson.MAPPER.readTree(answer.body());
      if (problem.hasNonNull("detail")) {
        return problem.get("detail").asText();
      }
    } catch (JsonProcessingException e) {
      // Not a problem document: its summary says what there is.
    }
    return "the worker refused the what-if (" + answer.status() + "): " + answer.summary();
  }
}
