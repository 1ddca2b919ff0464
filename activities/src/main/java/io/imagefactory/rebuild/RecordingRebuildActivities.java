package io.imagefactory.rebuild;

import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebuild trigger used when no GitHub credentials are configured: it logs the {@code
 * workflow_dispatch} it would have made and reports it as recorded, so the whole loop can be
 * watched without touching GitHub. Idempotent: it has no side effect but the log line.
 */
public class RecordingRebuildActivities implements RebuildActivities {

  private static final Logger log = LoggerFactory.getLogger(RecordingRebuildActivities.class);

  @Override
  public RebuildDispatch dispatchRebuild(RebuildRequest request) {
    String detail = describe(request);
    log.info(
        "rebuild {} of {} recorded, not sent (no GitHub credentials): {}",
        request.rebuildId(),
        request.image(),
        detail);
    return new RebuildDispatch(RebuildDispatch.RECORDED, null, detail);
  }

  /** A recorded dispatch has no run; the workflow never asks. */
  @Override
  public RunConclusion awaitRun(RunRef run) {
    throw new IllegalStateException("dispatches are recorded, not sent: no run " + run.runId());
  }

  /**
   * What the dispatch would send: {@code POST repos/org/api/actions/workflows/build.yml/dispatches
   * ref=main inputs={...}}.
   */
  static String describe(RebuildRequest request) {
    RebuildTarget target = request.target();
    if (target == null) {
      return "no rebuild target configured";
    }
    String repo = target.repo() == null ? "<state repository>" : target.repo();
    String workflow = target.workflow() == null ? "<no workflow configured>" : target.workflow();
    Map<String, String> inputs = new TreeMap<>(target.inputs());
    return "workflow_dispatch "
        + repo
        + " "
        + workflow
        + " ref="
        + target.ref()
        + " inputs="
        + inputs
        + " for "
        + new TreeMap<>(request.baseDigests());
  }
}
