package io.imagefactory.staterepo;

import io.imagefactory.statefiles.ImageRuntime;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.RuntimeRecords;
import java.util.Optional;

/**
 * Writes what an image workflow knows — current digest, rebuild candidates, a pending approval, the
 * last rebuild — into the image's state file. An image that left the state has no file to write to,
 * so the patch then does nothing. It remembers the rebuild milestones its last application wrote,
 * which the writer reports once that application is pushed.
 */
public final class RecordImageRuntime implements StatePatch {

  private final String image;
  private final ImageRuntime runtime;
  private volatile RebuildMilestones milestones = RebuildMilestones.NONE;

  public RecordImageRuntime(String image, ImageRuntime runtime) {
    this.image = image;
    this.runtime = runtime;
  }

  public String image() {
    return image;
  }

  public ImageRuntime runtime() {
    return runtime;
  }

  @Override
  public String describe() {
    return "record state of " + image;
  }

  @Override
  public void applyTo(StateFiles files) {
    milestones = RebuildMilestones.NONE;
    TypedStateFiles typed = new TypedStateFiles(files);
    Optional<ImageState> current = typed.image(image);
    if (current.isEmpty()) {
      return;
    }
    ImageState next = RuntimeRecords.withRuntime(current.get(), runtime);
    if (!next.equals(current.get())) {
      typed.write(next);
      milestones = RebuildMilestones.between(current.get(), next);
    }
  }

  @Override
  public void reportTo(StateRepoMetrics metrics) {
    RebuildMilestones written = milestones;
    written.dispatched().forEach(metrics::rebuildDispatched);
    written.built().forEach(metrics::rebuildBuilt);
  }
}
