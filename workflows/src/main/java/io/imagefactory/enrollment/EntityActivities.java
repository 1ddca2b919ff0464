package io.imagefactory.enrollment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Starts, configures and ends the long-lived entity workflows, through the Temporal client. */
@ActivityInterface
public interface EntityActivities {

  /**
   * Makes sure an {@code image/<name>} workflow runs per image and a {@code base/<name>} per base
   * of the state at the tip, each with its setup from the state files: a missing one is started
   * from the setup (which carries the runtime state recorded in git), a running one is signalled
   * only when its setup differs from the state at {@code previousCommitId} (or when asked for all).
   * An enrollment that changed nothing so makes no call per entity. Idempotent.
   */
  @ActivityMethod
  EntitiesEnsured ensureEntities(EnsureEntitiesRequest request);

  /** Ends the workflows of images and bases that left the state. Idempotent. */
  @ActivityMethod
  void retireEntities(List<String> images, List<String> bases);
}
