package io.imagefactory.starter;

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
    return RebuildUpdate.run(
        connection,
        image,
        workflow -> workflow.rebuildNow(by),
        spec.commandLine().getOut(),
        "Rebuilding " + image + " now:");
  }
}
