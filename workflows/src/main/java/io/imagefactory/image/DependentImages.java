package io.imagefactory.image;

import io.imagefactory.WorkflowIds;
import io.imagefactory.entity.FanOut;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.function.Function;

/**
 * Hands a new digest, or a scan of one, to the image workflows built on it. Use from workflow code.
 */
public final class DependentImages {

  private DependentImages() {}

  /** Signals {@code update} to each dependent; one that cannot be reached is logged and skipped. */
  public static void baseUpdated(String from, List<String> dependents, BaseUpdate update) {
    signalEach(from, dependents, image -> Async.procedure(image::baseUpdated, update));
  }

  /** Signals {@code scan} to each dependent, likewise. */
  public static void baseScanned(String from, List<String> dependents, BaseScan scan) {
    signalEach(from, dependents, image -> Async.procedure(image::baseScanned, scan));
  }

  private static void signalEach(
      String from, List<String> dependents, Function<ImageWorkflow, Promise<Void>> signal) {
    FanOut.signalEach(
        from,
        dependents,
        dependent ->
            signal.apply(
                Workflow.newExternalWorkflowStub(
                    ImageWorkflow.class, WorkflowIds.image(dependent))));
  }
}
