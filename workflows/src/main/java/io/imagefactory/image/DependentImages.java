package io.imagefactory.image;

import io.imagefactory.WorkflowIds;
import io.imagefactory.entity.FanOut;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * Hands a new digest, or a scan of one, to the image workflows built on it. Use from workflow code.
 */
public final class DependentImages {

  private DependentImages() {}

  /** Signals {@code update} to each dependent; one that cannot be reached is logged and skipped. */
  public static void baseUpdated(String from, List<String> dependents, BaseUpdate update) {
    FanOut.signalEach(
        from,
        dependents,
        dependent -> {
          ImageWorkflow image =
              Workflow.newExternalWorkflowStub(ImageWorkflow.class, WorkflowIds.image(dependent));
          return Async.procedure(image::baseUpdated, update);
        });
  }

  /** Signals {@code scan} to each dependent, likewise. */
  public static void baseScanned(String from, List<String> dependents, BaseScan scan) {
    FanOut.signalEach(
        from,
        dependents,
        dependent -> {
          ImageWorkflow image =
              Workflow.newExternalWorkflowStub(ImageWorkflow.class, WorkflowIds.image(dependent));
          return Async.procedure(image::baseScanned, scan);
        });
  }
}
