package io.imagefactory.image;

import io.imagefactory.WorkflowIds;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Hands a new base digest, or a scan of one, to dependent image workflows, in parallel a window
 * at a time: a base with thousands of dependents reaches them all in a few workflow tasks instead
 * of one signal round trip each, while one task never carries thousands of commands. Use from
 * workflow code.
 */
public final class FanOut {

  private static final Logger log = Workflow.getLogger(FanOut.class);

  /** Signals sent together before waiting for them. */
  static final int WINDOW = 100;

  private FanOut() {}

  /** Signals {@code update} to each dependent; one that cannot be reached is logged and skipped. */
  public static void baseUpdated(String from, List<String> dependents, BaseUpdate update) {
    signal(from, dependents, image -> Async.procedure(image::baseUpdated, update));
  }

  /** Signals {@code scan} to each dependent, likewise. */
  public static void baseScanned(String from, List<String> dependents, BaseScan scan) {
    signal(from, dependents, image -> Async.procedure(image::baseScanned, scan));
  }

  private static void signal(
      String from, List<String> dependents, Function<ImageWorkflow, Promise<Void>> send) {
    for (int start = 0; start < dependents.size(); start += WINDOW) {
      List<String> window = dependents.subList(start, Math.min(dependents.size(), start + WINDOW));
      List<Promise<Void>> signals = new ArrayList<>();
      for (String dependent : window) {
        ImageWorkflow image =
            Workflow.newExternalWorkflowStub(ImageWorkflow.class, WorkflowIds.image(dependent));
        signals.add(send.apply(image));
      }
      for (int i = 0; i < signals.size(); i++) {
        try {
          signals.get(i).get();
        } catch (RuntimeException e) {
          log.warn("{}: cannot reach dependent {}: {}", from, window.get(i), e.getMessage());
        }
      }
    }
  }
}
