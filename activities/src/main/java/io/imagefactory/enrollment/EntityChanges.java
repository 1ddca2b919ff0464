package io.imagefactory.enrollment;

import io.imagefactory.WorkflowIds;
import io.imagefactory.base.BaseSetup;
import io.imagefactory.image.ImageConfig;
import io.imagefactory.image.ImageSetup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which entity workflows an enrollment must call: those that are not running, and those whose setup
 * differs from the state the enrollment started from. What is not known counts as changed: without
 * the earlier state or the list of running workflows, every entity is called.
 *
 * @param images the image workflows to start or reconfigure, in state order
 * @param bases the base workflows to start or reconfigure, in state order
 * @param started how many of them are not running
 * @param unchanged running workflows whose setup did not change, left alone
 * @param startedImages the images among them that are not running
 * @param updatedImages the running images among them whose earlier setup is known and differs
 */
record EntityChanges(
    List<ImageSetup> images,
    List<BaseSetup> bases,
    int started,
    int unchanged,
    List<String> startedImages,
    List<String> updatedImages) {

  static EntityChanges of(
      EntityPlan next, Optional<EntityPlan> previous, Optional<Set<String>> running, boolean all) {
    Map<String, ImageConfig> configs = new HashMap<>();
    Map<String, BaseSetup> bases = new HashMap<>();
    previous.ifPresent(
        p -> {
          p.images().forEach(i -> configs.put(i.config().name(), i.config()));
          p.bases().forEach(b -> bases.put(b.name(), b));
        });
    boolean known = previous.isPresent() && running.isPresent() && !all;
    Set<String> runningIds = running.orElse(Set.of());
    int[] counts = new int[2];
    List<ImageSetup> images = new ArrayList<>();
    List<String> startedImages = new ArrayList<>();
    List<String> updatedImages = new ArrayList<>();
    for (ImageSetup image : next.images()) {
      String name = image.config().name();
      boolean missing = running.isPresent() && !runningIds.contains(WorkflowIds.image(name));
      boolean changed = !image.config().equals(configs.get(name));
      if (!known || missing || changed) {
        images.add(image);
        counts[0] += missing ? 1 : 0;
        if (missing) {
          startedImages.add(name);
        } else if (changed && configs.containsKey(name)) {
          updatedImages.add(name);
        }
      } else {
        counts[1]++;
      }
    }
    List<BaseSetup> changedBases = new ArrayList<>();
    for (BaseSetup base : next.bases()) {
      boolean missing = running.isPresent() && !runningIds.contains(WorkflowIds.base(base.name()));
      if (!known || missing || !sameConfiguration(base, bases.get(base.name()))) {
        changedBases.add(base);
        counts[0] += missing ? 1 : 0;
      } else {
        counts[1]++;
      }
    }
    return new EntityChanges(
        images, changedBases, counts[0], counts[1], startedImages, updatedImages);
  }

  /** What {@code configure} hands a running base workflow; the rest is its own runtime state. */
  private static boolean sameConfiguration(BaseSetup next, BaseSetup previous) {
    return previous != null
        && Objects.equals(next.repoURL(), previous.repoURL())
        && Objects.equals(next.tag(), previous.tag())
        && next.dependents().equals(previous.dependents());
  }

  /** Entities called although running: their setup changed. */
  int reconfigured() {
    return images.size() + bases.size() - started;
  }
}
