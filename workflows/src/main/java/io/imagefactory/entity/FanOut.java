package io.imagefactory.entity;

import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * Signals many workflows in parallel, a window at a time: a base with thousands of dependents
 * reaches them all in a few workflow tasks instead of one signal round trip each, while one task
 * never carries thousands of commands. Use from workflow code.
 */
public final class FanOut {

  private static final Logger log = Workflow.getLogger(FanOut.class);

  /** Signals sent together before waiting for them. */
  public static final int WINDOW = 100;

  private FanOut() {}

  /**
   * Calls {@code signal} for each target and waits for each window's signals; a target that cannot
   * be reached is logged and skipped.
   *
   * @param from who signals, for the log
   * @param targets what {@code signal} takes to reach one workflow (a name, an id)
   * @param signal sends the signal to one target, asynchronously
   */
  public static void signalEach(
      String from, List<String> targets, Function<String, Promise<Void>> signal) {
    for (int start = 0; start < targets.size(); start += WINDOW) {
      List<String> window = targets.subList(start, Math.min(targets.size(), start + WINDOW));
      List<Promise<Void>> signals = new ArrayList<>();
      for (String target : window) {
        signals.add(signal.apply(target));
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
