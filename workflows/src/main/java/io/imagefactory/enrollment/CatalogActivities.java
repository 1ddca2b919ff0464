package io.imagefactory.enrollment;

import io.imagefactory.enrollment.request.EnrollmentRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Reads the catalog and state files from the state repository. Read-only, so idempotent. */
@ActivityInterface
public interface CatalogActivities {

  /**
   * Reads and validates {@code images.yaml} at the tip and decides which managed images to analyse:
   * new ones, those whose configuration changed, failed ones, and those the request names.
   */
  @ActivityMethod
  CatalogView readCatalog(EnrollmentRequest request);

  /**
   * The entity workflows the state at the tip calls for. {@code commitId} is the commit the caller
   * read the catalog at; the tip is that commit or a newer one, and the newer state is what the
   * entities should see, so the tip is read.
   */
  @ActivityMethod
  EntityPlan readEntities(String commitId);
}
