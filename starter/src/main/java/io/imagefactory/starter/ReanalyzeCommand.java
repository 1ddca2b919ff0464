package io.imagefactory.starter;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory reanalyze}: analyses Dockerfiles again, changed or not. */
@Command(
    name = "reanalyze",
    mixinStandardHelpOptions = true,
    description = {
      "Analyse the Dockerfiles of some or all managed images again.",
      "Analyses the Dockerfiles of the given managed images (or of all) again, even if their"
          + " configuration did not change, through an enrollment.",
      "Use it after a Dockerfile changed in its source repository."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:asked for; with --wait: every image analysed",
      "1:with --wait: some image failed analysis",
      "2:an unknown image, or (with --wait) images.yaml is invalid",
      "3:Temporal cannot be reached"
    })
final class ReanalyzeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Mixin EnrollCommand.WaitOptions waiting;

  @ArgGroup(multiplicity = "1")
  Target target;

  /** Either images by name or all of them. */
  static final class Target {

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Managed images to analyse.")
    List<String> images;

    @Option(names = "--all", required = true, description = "Analyse every managed image.")
    boolean all;
  }

  @Override
  public Integer call() {
    try (TemporalSession temporal = connection.temporal()) {
      List<String> images =
          target.images == null ? List.of() : List.copyOf(new TreeSet<>(target.images));
      images.forEach(temporal::image);
      String reason = "cli reanalyze " + (target.all ? "--all" : String.join(" ", images));
      return new EnrollmentRunner(
              temporal.client,
              spec.commandLine().getOut(),
              spec.commandLine().getErr(),
              System.console() != null)
          .run(new EnrollmentRequest(reason, images, target.all), waiting.wait, waiting.timeout);
    }
  }
}
