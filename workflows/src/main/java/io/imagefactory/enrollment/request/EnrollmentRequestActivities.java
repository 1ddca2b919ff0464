package io.imagefactory.enrollment.request;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Asks for an enrollment from a workflow that is itself an entity of it (an image after a rebuild,
 * the drift check): apart from {@code EntityActivities}, so that the entities need not know the
 * enrollment that starts them.
 */
@ActivityInterface
public interface EnrollmentRequestActivities {

  /** Asks for an enrollment: starts one, or queues one more pass of the running one. Idempotent. */
  @ActivityMethod
  void requestEnrollment(EnrollmentRequest request);
}
