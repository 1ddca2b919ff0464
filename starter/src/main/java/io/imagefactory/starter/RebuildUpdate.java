package io.imagefactory.starter;

import io.imagefactory.image.ImageWorkflow;
import io.imagefactory.statefiles.RebuildEntry;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * Asks the workflow of an image for a rebuild through an update ({@code approve}, {@code rebuild
 * --now}) and prints the rebuild it answers. A refusal by the workflow is invalid input.
 */
final class RebuildUpdate {

  private RebuildUpdate() {}

  /**
   * Runs {@code update} on the workflow of {@code image} and prints {@code heading}, then the
   * rebuild.
   */
  static int run(
      ConnectionOptions connection,
      String image,
      Function<ImageWorkflow, RebuildEntry> update,
      PrintWriter out,
      String heading) {
    try (TemporalSession temporal = connection.temporal()) {
      RebuildEntry rebuild;
      try {
        rebuild = update.apply(temporal.image(image));
      } catch (WorkflowUpdateException e) {
        throw CommandFailure.invalidInput(rejection(e));
      }
      out.println(heading);
      RebuildText.lines(rebuild).forEach(line -> out.println("  " + line));
      return ExitCodes.OK;
    }
  }

  /** The reason the workflow gave for refusing the update, as its validator wrote it. */
  private static String rejection(WorkflowUpdateException e) {
    Throwable cause = e.getCause();
    if (cause instanceof ApplicationFailure failure) {
      return failure.getOriginalMessage();
    }
    return cause == null ? e.getMessage() : cause.getMessage();
  }
}
