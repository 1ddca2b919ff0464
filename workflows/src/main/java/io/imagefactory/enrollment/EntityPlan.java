package io.imagefactory.enrollment;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageSetup;
import java.util.List;

/**
 * The entity workflows the state at one commit calls for, each with the runtime state recorded in
 * git.
 *
 * @param unwatchedBases bases whose Warehouses Argo CD has not yet been seen to sync
 */
public record EntityPlan(
    List<ImageSetup> images, List<BaseSetup> bases, List<String> unwatchedBases) {

  public EntityPlan {
    images = List.copyOf(images);
    bases = List.copyOf(bases);
    unwatchedBases = List.copyOf(unwatchedBases);
  }
}
