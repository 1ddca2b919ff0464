package io.imagefactory.enrollment;

import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ensuring the entity workflows found and did, and what the state it read says of them: no
 * setups, so the answer stays small however many images there are.
 *
 * @param commitId the commit the setups were read at
 * @param started workflows that were not running and were started
 * @param reconfigured running workflows that were sent a changed setup
 * @param unchanged running workflows left alone: their setup did not change
 * @param images the images that have a state file, sorted
 * @param bases the base images that have a state file, sorted
 * @param buildErrors the images whose state file records rebuild-target errors, with them
 * @param unwatchedBases bases whose Warehouses Argo CD has not yet been seen to sync
 * @param startedImages images whose workflow was not running and was started
 * @param updatedImages running images whose setup was known and changed, so they were reconfigured
 */
public record EntitiesEnsured(
    String commitId,
    int started,
    int reconfigured,
    int unchanged,
    List<String> images,
    List<String> bases,
    Map<String, List<String>> buildErrors,
    List<String> unwatchedBases,
    List<String> startedImages,
    List<String> updatedImages) {

  public EntitiesEnsured {
    startedImages = startedImages == null ? List.of() : List.copyOf(startedImages);
    updatedImages = updatedImages == null ? List.of() : List.copyOf(updatedImages);
    images = List.copyOf(images);
    bases = List.copyOf(bases);
    buildErrors = Map.copyOf(buildErrors);
    unwatchedBases = List.copyOf(unwatchedBases);
  }

  /** What the state {@code plan} read at {@code commitId} says, with the counts of the calls. */
  public static EntitiesEnsured of(
      String commitId, EntityPlan plan, int started, int reconfigured, int unchanged) {
    Map<String, List<String>> buildErrors = new TreeMap<>();
    List<String> images = new ArrayList<>();
    for (ImageSetup image : plan.images()) {
      images.add(image.config().name());
      if (!image.config().buildErrors().isEmpty()) {
        buildErrors.put(image.config().name(), image.config().buildErrors());
      }
    }
    return new EntitiesEnsured(
        commitId,
        started,
        reconfigured,
        unchanged,
        images,
        plan.bases().stream().map(BaseSetup::name).toList(),
        buildErrors,
        plan.unwatchedBases(),
        List.of(),
        List.of());
  }

  /** This answer with the images that were started and those that were reconfigured. */
  public EntitiesEnsured withImages(List<String> started, List<String> updated) {
    return new EntitiesEnsured(
        commitId,
        this.started,
        reconfigured,
        unchanged,
        images,
        bases,
        buildErrors,
        unwatchedBases,
        started,
        updated);
  }
}
