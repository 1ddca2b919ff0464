package io.imagefactory.starter;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code image-factory enroll}: brings the system in line with {@code images.yaml}. */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enroll the images of images.yaml: analyse, record, start their workflows.",
      "Runs an enrollment: reads images.yaml in the state repository, analyses new and changed"
          + " images, commits their state files and starts their workflows.",
      "When an enrollment is running, it makes one more pass once it is done."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:asked for; with --wait: enrolled, every image analysed",
      "1:with --wait: some image failed analysis or has an invalid rebuild target (the others"
          + " were enrolled)",
      "2:with --wait: images.yaml is invalid or the commit was refused; nothing changed",
      "3:Temporal cannot be reached"
    })
final class EnrollCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin WaitOptions waiting;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      defaultValue = "cli",
      description = "Why it runs, for the log and the commit message. Default: ${DEFAULT-VALUE}")
  String reason;

  @Override
  public Integer call() {
    try (TemporalSession temporal = connection.temporal()) {
      return new EnrollmentRunner(
              temporal.client,
              spec.commandLine().getOut(),
              spec.commandLine().getErr(),
              System.console() != null)
          .run(EnrollmentRequest.of(reason), waiting.wait, waiting.timeout);
    }
  }

  /** {@code --wait} and {@code --timeout}, shared with {@code reanalyze}. */
  static final class WaitOptions {

    @Option(
        names = "--wait",
        description = "Show progress and wait for the result; the exit code tells how it went.")
    boolean wait;

    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        defaultValue = "30m",
        converter = TextFormats.DurationConverter.class,
        description = "How long --wait waits (30s, 10m, 2h). Default: ${DEFAULT-VALUE}")
    Duration timeout;
  }
}
