package io.imagefactory.starter;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.CatalogError;
import io.imagefactory.catalog.CatalogException;
import io.imagefactory.catalog.CatalogLoader;
import io.imagefactory.enrollment.StateDirectoryAnalyzer;
import io.imagefactory.enrollment.plan.AnalysisOutcome;
import io.imagefactory.enrollment.plan.EnrollmentPlan;
import io.imagefactory.enrollment.plan.EnrollmentPlanner;
import io.imagefactory.statefiles.StateDirectoryReader;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.whatif.RebuildPreview;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code image-factory plan}: shows the state-file changes enrollment would make to a state
 * directory, offline. Nothing is written; images built from a source repository are not analysed.
 * With {@code --what-if}, it previews instead what a new digest of one base would rebuild, and
 * when.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the state-file changes enrollment would make, offline: reads images.yaml and the"
          + " state files, analyses the Dockerfiles that live in the state directory, writes"
          + " nothing.",
      "Shows, too, what is wrong with each rebuild target: the workflow file in"
          + " DIR/.github/workflows/ and the placeholders of source.workflowInputs.",
      "With --what-if <repoURL:tag>: if that base got a new digest now, which images would take"
          + " it as a candidate (cascades included), when each would mature, when its rebuild"
          + " window opens, and when the rebuild budget would dispatch it, every run taking"
          + " --run-duration. Offline with --state-dir (limits from --worker-config and the"
          + " options), else asked of the worker at --worker-url (its live limits and state).",
      "Exit codes: 0 planned; 1 unreadable directory; 2 invalid images.yaml, or an image, rebuild"
          + " target or state file with errors (the plan is still printed); for --what-if, a"
          + " malformed or unknown base; 3 the worker cannot be reached."
    })
final class PlanCommand implements Callable<Integer> {

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "The state repository's directory (holding images.yaml).")
  private Path stateDir;

  @Option(
      names = "--what-if",
      paramLabel = "REPOURL:TAG",
      description = "Preview what a new digest of this base would rebuild, and when.")
  private String whatIf;

  @Mixin private WhatIfOptions whatIfOptions;

  @Mixin private ConnectionOptions connection;

  @Option(names = "--json", description = "Print JSON instead of text.")
  private boolean json;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      description =
          "The time to record, or for --what-if when the digest arrives, like"
              + " 2024-12-04T10:00:00Z (default: now).")
  private Instant now;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (whatIf != null) {
      RebuildPreview preview =
          stateDir != null
              ? WhatIfRun.offline(
                  stateDir, whatIf, now == null ? Instant.now() : now, whatIfOptions)
              : WhatIfRun.fromWorker(connection.worker(), whatIf, now, whatIfOptions);
      out.print(json ? CliJson.write(preview) + "\n" : WhatIfTable.render(preview));
      out.flush();
      return ExitCodes.OK;
    }
    if (stateDir == null) {
      throw CommandFailure.invalidInput(
          "plan needs --state-dir (or --what-if, which may ask the worker)");
    }
    if (!Files.isDirectory(stateDir)) {
      throw new IOException("cannot read " + stateDir + ": not a directory");
    }
    Catalog catalog;
    try {
      catalog = new CatalogLoader().load(stateDir.resolve(CatalogLoader.FILE_NAME));
    } catch (NoSuchFileException e) {
      throw new IOException("cannot read " + e.getFile() + ": no such file", e);
    } catch (CatalogException e) {
      List<String> errors = e.errors().stream().map(CatalogError::toString).toList();
      errors.forEach(err::println);
      err.flush();
      if (json) {
        out.print(PlanJson.render(null, errors));
        out.flush();
      }
      return ExitCodes.INVALID_INPUT;
    }
    StateSnapshot state = new StateDirectoryReader().read(stateDir);
    Map<String, AnalysisOutcome> outcomes = new StateDirectoryAnalyzer().analyse(stateDir, catalog);
    EnrollmentPlan plan =
        new EnrollmentPlanner().plan(catalog, state, outcomes, now == null ? Instant.now() : now);
    List<String> errors = errorsOf(plan);
    out.print(json ? PlanJson.render(plan, errors) : PlanText.render(plan));
    out.flush();
    return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
  }

  private static List<String> errorsOf(EnrollmentPlan plan) {
    List<String> errors = new ArrayList<>();
    plan.summary()
        .failed()
        .forEach((image, reason) -> errors.add("image '" + image + "': " + reason));
    plan.summary().buildErrors().values().forEach(errors::addAll);
    errors.addAll(plan.summary().problems());
    return errors;
  }
}
