package io.imagefactory.staterepo;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.enrollment.plan.PlanSummary;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many images and bases one enrollment moved from one place in the fleet to another, by
 * transition: the lifecycle of the design brief (external to managed and back, removal, a base that
 * became one of our managed images), plus first enrollments and bases that start or stop being
 * watched. A transition with no occurrence is left out.
 */
public final class LifecycleTransitions {

  public static final String ENROLLED = "enrolled";
  public static final String REMOVED = "removed";
  public static final String EXTERNAL_TO_MANAGED = "external-to-managed";
  public static final String MANAGED_TO_EXTERNAL = "managed-to-external";
  public static final String BASE_TO_MANAGED = "base-to-managed";
  public static final String BASE_DISCOVERED = "base-discovered";
  public static final String BASE_DROPPED = "base-dropped";

  /** Every transition, for exporters that list them all up front. */
  public static final Set<String> ALL =
      Set.of(
          ENROLLED,
          REMOVED,
          EXTERNAL_TO_MANAGED,
          MANAGED_TO_EXTERNAL,
          BASE_TO_MANAGED,
          BASE_DISCOVERED,
          BASE_DROPPED);

  private LifecycleTransitions() {}

  /** The transitions of the plan {@code summary} made of {@code catalog} over {@code before}. */
  static Map<String, Integer> of(Catalog catalog, StateSnapshot before, PlanSummary summary) {
    Map<String, Integer> counts = new TreeMap<>();
    Set<String> watchedBefore =
        before.baseImages().values().stream()
            .map(BaseImageState::repoURL)
            .filter(url -> url != null)
            .collect(Collectors.toSet());
    for (ImageEntry entry : catalog.entries()) {
      ImageState was = before.images().get(entry.name());
      if (was instanceof ExternalImageState && entry.managed()) {
        add(counts, EXTERNAL_TO_MANAGED, 1);
      } else if (was instanceof ManagedImageState && !entry.managed()) {
        add(counts, MANAGED_TO_EXTERNAL, 1);
      } else if (was == null
          && entry.managed()
          && watchedBefore.contains(entry.registry() + "/" + entry.repository())) {
        add(counts, BASE_TO_MANAGED, 1);
      }
    }
    add(counts, ENROLLED, summary.enrolled().size());
    add(counts, REMOVED, summary.removedImages().size());
    add(counts, BASE_DISCOVERED, summary.discoveredBases().size());
    add(counts, BASE_DROPPED, summary.droppedBases().size());
    return counts;
  }

  private static void add(Map<String, Integer> counts, String transition, int count) {
    if (count > 0) {
      counts.merge(transition, count, Integer::sum);
    }
  }
}
