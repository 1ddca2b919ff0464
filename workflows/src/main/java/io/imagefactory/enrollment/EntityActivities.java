package io.imagefactory.enrollment;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageSetup;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** Starts, configures and ends the long-lived entity workflows, through the Temporal client. */
@ActivityInterface
public interface EntityActivities {

  /**
   * Makes sure an {@code image/<name>} workflow runs per image and a {@code base/<name>} per base,
   * each with this configuration: a running one is signalled, a missing one started from the
   * setup (which carries the runtime state recorded in git). Idempotent.
   */
  @ActivityMethod
  void ensureEntities(List<ImageSetup> images, List<BaseSetup> bases);

  /** Ends the workflows of images and bases that left the state. Idempotent. */
  @ActivityMethod
  void retireEntities(List<String> images, List<String> bases);

  /** Asks for an enrollment: starts one, or queues one more pass of the running one. */
  @ActivityMethod
  void requestEnrollment(EnrollmentRequest request);
}
