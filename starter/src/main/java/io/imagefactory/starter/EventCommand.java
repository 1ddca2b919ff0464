package io.imagefactory.starter;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code image-factory event}: tells the worker what Kargo would tell it about an image. */
@Command(
    name = "event",
    mixinStandardHelpOptions = true,
    description = {
      "Send an image event (repoURL, tag, digest) to the worker, as Kargo does.",
      "Posts an image event to the worker ("
          + WorkerApi.IMAGE_EVENTS
          + "), exactly as Kargo's"
          + " http step does when a Warehouse finds a digest: a base image update, a new build of"
          + " a managed image, or a new release of an external image.",
      "Authenticates with the webhook token (--token-file or " + ConnectionOptions.TOKEN_ENV + ")."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the worker accepted the event",
      "1:the worker failed to handle it",
      "2:invalid reference or digest, refused token, or the worker rejected the event",
      "3:the worker cannot be reached"
    })
final class EventCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConnectionOptions connection;

  @Parameters(
      paramLabel = "REPO_URL:TAG",
      description =
          "The image repository and tag, such as docker.io/library/node:22-bookworm-slim.")
  String reference;

  @Option(
      names = "--digest",
      required = true,
      paramLabel = "sha256:...",
      description = "The digest.")
  String digest;

  @Option(names = "--warehouse", paramLabel = "NAME", description = "The Kargo Warehouse, if any.")
  String warehouse;

  @Option(names = "--freight", paramLabel = "NAME", description = "The Kargo Freight, if any.")
  String freight;

  @Override
  public Integer call() {
    ImageEvent event = ImageEvent.of(reference, digest, warehouse, freight);
    WorkerApi worker = connection.worker();
    WorkerApi.Answer answer = worker.postJson(WorkerApi.IMAGE_EVENTS, event.toJson());
    String said = answer.summary().isEmpty() ? "" : ": " + answer.summary();
    if (answer.status() == 401 || answer.status() == 403) {
      throw CommandFailure.invalidInput(
          "the worker refused the webhook token ("
              + answer.status()
              + ")"
              + (worker.hasToken() ? "" : "; no token was given")
              + ": pass the worker's token with --token-file FILE or "
              + ConnectionOptions.TOKEN_ENV);
    }
    if (answer.status() >= 400 && answer.status() < 500) {
      throw CommandFailure.invalidInput(
          "the worker rejected the event (" + answer.status() + ")" + said);
    }
    if (!answer.ok()) {
      throw CommandFailure.ioError(
          "the worker failed to handle the event (" + answer.status() + ")" + said);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Sent "
            + event.repoURL()
            + ":"
            + event.tag()
            + "@"
            + event.digest()
            + " to "
            + worker.uri(WorkerApi.IMAGE_EVENTS));
    out.println("Worker answered " + answer.status() + said);
    return ExitCodes.OK;
  }
}
