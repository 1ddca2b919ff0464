package io.imagefactory.starter;

import io.imagefactory.base.BaseImageWorkflow;
import io.imagefactory.base.BaseStatus;
import io.imagefactory.image.ImageStatus;
import io.imagefactory.image.ImageWorkflow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory status}: what one image, or every image, is waiting for. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show what an image, or every image, is waiting for.",
      "Shows an image's bases (pinned ones marked), current digest, pending rebuild candidates"
          + " with when each matures, whether a rebuild awaits approval, and the last rebuild.",
      "Given the name of a base image, shows what it watches, its digest and its dependents.",
      "Without an image: a table of every enrolled image. When Temporal has no image workflow"
          + " (a restarted embedded server), the images the state repository enrolls are listed"
          + " from the worker, marked as git state."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "2:no such image is enrolled", "3:Temporal cannot be reached"})
final class StatusCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(
      paramLabel = "IMAGE",
      arity = "0..1",
      description = "The image (or base image); all images when omitted.")
  String image;

  @Option(names = "--json", description = "Print the status as JSON (a list without IMAGE).")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (TemporalSession temporal = connection.temporal()) {
      if (image != null) {
        ImageWorkflow workflow;
        try {
          workflow = temporal.image(image);
        } catch (CommandFailure notAnImage) {
          BaseImageWorkflow base = temporal.base(image).orElseThrow(() -> notAnImage);
          BaseStatus status = base.status();
          print(out, json ? List.of(CliJson.write(status)) : BaseStatusText.of(status));
          printProblems(out, temporal, StateProblemsText.about(image));
          return ExitCodes.OK;
        }
        ImageStatus status = workflow.status();
        print(
            out, json ? List.of(CliJson.write(status)) : ImageStatusText.of(status, Instant.now()));
        printProblems(out, temporal, StateProblemsText.about(image));
        return ExitCodes.OK;
      }
      List<ImageStatus> statuses = new ImageLister(temporal).statuses();
      if (json) {
        out.println(CliJson.write(statuses));
      } else if (statuses.isEmpty()) {
        print(out, GitStateListing.of(connection.worker()));
      } else {
        print(out, ImageTable.of(statuses));
        printProblems(out, temporal, problem -> true);
      }
      return ExitCodes.OK;
    }
  }

  private void printProblems(
      PrintWriter out, TemporalSession temporal, java.util.function.Predicate<String> relevant) {
    if (!json) {
      print(out, StateProblemsText.of(temporal, relevant));
    }
  }

  private static void print(PrintWriter out, List<String> lines) {
    lines.forEach(out::println);
  }
}
