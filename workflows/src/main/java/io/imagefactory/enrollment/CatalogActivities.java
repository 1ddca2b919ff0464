package io.imagefactory.enrollment;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads the catalog and state files from the state repository. Read-only, so idempotent. */
@ActivityInterface
public interface CatalogActivities {

  /**
   * Reads and validates {@code images.yaml} at the tip and decides which managed images to
   * analyse: new ones, those whose configuration changed, failed ones, and those the request
   * names.
   */
  @ActivityMethod
  CatalogView readCatalog(EnrollmentRequest request);

  /** The entity workflows the state at {@code commitId} calls for. */
  @ActivityMethod
  EntityPlan readEntities(String commitId);
}
