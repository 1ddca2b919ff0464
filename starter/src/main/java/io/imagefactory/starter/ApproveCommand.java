package io.imagefactory.starter;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory approve}: lets a matured rebuild of an image go. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = {
      "Approve the rebuild that waits for approval.",
      "Approves the rebuild that waits for approval (images with autoRebuild: false whose rebuild"
          + " delay has passed); it is dispatched at once, and the dispatched rebuild is shown."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:approved and dispatched",
      "2:no such image, or no rebuild awaits approval",
      "3:Temporal cannot be reached"
    })
final class ApproveCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(paramLabel = "IMAGE", description = "The managed image.")
  String image;

  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${sys:user.name:-cli}",
      description = "Who approves, for the record. Default: ${DEFAULT-VALUE}")
  String by;

  @Override
  public Integer call() {
    return RebuildUpdate.run(
        connection,
        image,
        workflow -> workflow.approve(by),
        spec.commandLine().getOut(),
        "Approved the rebuild of " + image + ":");
  }
}
