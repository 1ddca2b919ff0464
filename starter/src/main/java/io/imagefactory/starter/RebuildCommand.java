package io.imagefactory.starter;

import io.imagefactory.image.RebuildEntry;
import io.temporal.client.WorkflowUpdateException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory rebuild --now}: rebuilds an image without waiting for its delay. */
@Command(
    name = "rebuild",
    mixinStandardHelpOptions = true,
    description = {
      "Rebuild an image now, skipping its rebuild delay (needs --now).",
      "Rebuilds a managed image now, whatever its rebuild delay, on every pending base digest.",
      "Rebuilds otherwise follow the delay on their own; --now says that you mean to skip it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:rebuild dispatched (or recorded)",
      "2:--now missing, no such image, or the image is not built by Image Factory",
      "3:Temporal cannot be reached"
    })
final class RebuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "IMAGE", description = "The managed image.")
  String image;

  @Option(names = "--now", description = "Rebuild at once, skipping the rebuild delay.")
  boolean now;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${sys:user.name:-cli}",
      description = "Who asks, for the record. Default: ${DEFAULT-VALUE}")
  String by;

  @Override
  public Integer call() {
    if (!now) {
      throw CommandFailure.invalidInput(
          "rebuilds of "
              + image
              + " follow its rebuild delay on their own (see: image-factory"
              + " status "
              + image
              + "); to rebuild at once, run: image-factory rebuild "
              + image
              + " --now");
    }
    try (TemporalSession temporal = connection.temporal()) {
      RebuildEntry rebuild;
      try {
        rebuild = temporal.image(image).rebuildNow(by);
      } catch (WorkflowUpdateException e) {
        throw CommandFailure.invalidInput(TemporalSession.rejection(e));
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("Rebuilding " + image + " now:");
      RebuildText.lines(rebuild).forEach(line -> out.println("  " + line));
      return ExitCodes.OK;
    }
  }
}
