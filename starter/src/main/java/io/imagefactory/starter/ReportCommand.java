package io.imagefactory.starter;

import io.imagefactory.starter.report.ComplianceReport;
import io.imagefactory.starter.report.ReportBuilder;
import io.imagefactory.starter.report.ReportFormat;
import io.imagefactory.starter.report.ReportInput;
import io.imagefactory.starter.report.ReportPeriod;
import io.imagefactory.staterepo.RebuildHistory;
import io.imagefactory.staterepo.StateTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code image-factory report}: the compliance report of the fleet. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write the compliance report: image ages, staleness, pending rebuilds, the rebuild audit"
          + " trail.",
      "Per image: kind, status, bases with their current digests, current digest and its age,"
          + " last build, last rebuild (trigger, outcome, run), pending rebuild and when it is"
          + " eligible, how many newer base digests it has not been rebuilt onto, and whether it"
          + " is stale (no build for longer than --stale-after while a newer base digest exists,"
          + " the rule of the worker's image_factory_images_stale gauge). Then a summary and the"
          + " rebuilds asked for in the period, read from every commit of the state repository.",
      "Reads the state repository with --state-dir or --state-repo; otherwise asks the worker,"
          + " whose API has no history (no audit trail, no base digests).",
      "The output is deterministic: the same repository and --now give the same bytes."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "1:the repository or the worker cannot be read, or --output cannot be written",
      "2:bad options, or no such directory or branch",
      "3:the worker cannot be reached"
    })
final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @ArgGroup(multiplicity = "0..1")
  StateRepoReader.Source source;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      defaultValue = "${env:IMAGE_FACTORY_STATE_REPO_BRANCH:-main}",
      description = "The state branch. Default: ${DEFAULT-VALUE}")
  String branch;

  @Option(
      names = "--format",
      defaultValue = "md",
      description =
          "md, html (one self-contained file), csv (RFC 4180) or json. Default: ${DEFAULT-VALUE}")
  ReportFormat format;

  @Option(
      names = "--stale-after",
      paramLabel = "AGE",
      defaultValue = "30d",
      converter = TextFormats.DurationConverter.class,
      description =
          "Stale: no build for longer than this while a newer base digest exists."
              + " Default: ${DEFAULT-VALUE}")
  Duration staleAfter;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      converter = TextFormats.InstantConverter.class,
      description =
          "The audited period starts here (2025-01-31, UTC, or 2025-01-31T10:00:00Z)."
              + " Default: all of the history")
  Instant since;

  @Option(
      names = "--now",
      paramLabel = "TIME",
      converter = TextFormats.InstantConverter.class,
      description =
          "The time the report is as of: ages, staleness and the period's end."
              + " Default: the clock")
  Instant now;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of the standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    ReportPeriod period;
    try {
      period = new ReportPeriod(now != null ? now : Clock.systemUTC().instant(), since, staleAfter);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.invalidInput(e.getMessage());
    }
    ReportInput input = source == null ? fromWorker() : fromStateRepo();
    input.problems().forEach(p -> spec.commandLine().getErr().println("report: " + p));
    ComplianceReport report = ReportBuilder.build(input, period);
    String text = format.render(report);
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CommandFailure.ioError("cannot write --output " + output + ": " + e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .println(
            "Wrote the "
                + format
                + " report to "
                + output
                + ": "
                + report.images().size()
                + " images, "
                + (report.hasAudit()
                    ? report.audit().size() + " rebuilds in the period"
                    : "no audit trail"));
    return ExitCodes.OK;
  }

  private ReportInput fromStateRepo() throws IOException {
    return StateRepoReader.read(
        source.stateDir,
        source.stateRepo,
        branch,
        (repo, head) -> {
          List<String> skipped = new ArrayList<>();
          RebuildHistory history = RebuildHistory.ofAllImages(repo, head, skipped::add);
          return new ReportInput(
              "state repository, branch " + branch + " at " + head.abbreviate(12).name(),
              StateTree.read(repo, head).snapshot(),
              history.entries(),
              skipped);
        });
  }

  private ReportInput fromWorker() {
    return WorkerReportSource.read(
        connection.worker(), "the worker's API, " + connection.workerUrl);
  }
}
