package io.imagefactory.starter;

import io.imagefactory.whatif.WhatIfPlanner;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of {@code plan --what-if}: the assumed run duration and, offline, the budget. */
final class WhatIfOptions {

  @Option(
      names = "--run-duration",
      paramLabel = "DURATION",
      converter = TextFormats.DurationConverter.class,
      description =
          "How long every rebuild run is assumed to take (30s, 15m, 1h). Default: 15m, a typical"
              + " image build on hosted runners.")
  Duration runDuration = WhatIfPlanner.DEFAULT_RUN_DURATION;

  @Option(
      names = "--worker-config",
      paramLabel = "FILE",
      description =
          "Offline: the worker's application.yaml, whose image-factory.rebuild-budget.* gives the"
              + " limits (default: the worker's defaults).")
  Path workerConfig;

  @Option(
      names = "--runs-per-repository",
      paramLabel = "N",
      description = "Offline: runs in flight at once per repository (overrides the config file).")
  Integer runsPerRepository;

  @Option(
      names = "--runs-per-host",
      paramLabel = "N",
      description = "Offline: runs in flight at once per CI host (overrides the config file).")
  Integer runsPerHost;

  @Option(
      names = "--dispatches-per-hour",
      paramLabel = "N",
      description = "Offline: dispatches per CI host and hour (overrides the config file).")
  Integer dispatchesPerHour;
}
