package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.ExactTag;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.catalog.TagFilter;
import io.imagefactory.dockerfile.BaseImageNames;
import io.imagefactory.dockerfile.BaseImageReference;
import io.imagefactory.dockerfile.DockerfileAnalysis;
import io.imagefactory.reference.ImageRefs;
import io.imagefactory.reference.ResourceNames;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Turns what a managed image is built on into {@link DependencyEdge}s: from a fresh analysis, or
 * from the names its state file recorded (when this plan did not analyse it). A reference to the
 * repository of a managed image is an edge to that image, whatever the tag; a tagged reference to
 * an external image's repository whose tag the external image follows is an edge to it too.
 */
final class EdgeResolver {

  private final Map<String, ImageEntry> managedByRepo = new HashMap<>();
  private final Map<String, ImageEntry> externalByRepo = new HashMap<>();
  private final Map<String, Predicate<String>> followedTags = new HashMap<>();
  private final Catalog catalog;
  private final StateSnapshot state;

  EdgeResolver(Catalog catalog, StateSnapshot state) {
    this.catalog = catalog;
    this.state = state;
    for (ImageEntry entry : catalog.entries()) {
      String key = ImageRefs.repoKey(entry.registry(), entry.repository());
      (entry.managed() ? managedByRepo : externalByRepo).put(key, entry);
      if (!entry.managed()) {
        followedTags.put(entry.name(), followedTags(entry));
      }
    }
  }

  List<DependencyEdge> fromAnalysis(DockerfileAnalysis analysis) {
    Map<String, DependencyEdge> edges = new LinkedHashMap<>();
    for (BaseImageReference ref : analysis.baseImages()) {
      DependencyEdge edge = resolve(ref);
      edges.merge(edge.key(), edge, (first, again) -> first.pinnedAlso(again.pinned()));
    }
    return new ArrayList<>(edges.values());
  }

  /** The edges a state file recorded; names that no longer resolve to anything are dropped. */
  List<DependencyEdge> fromState(ManagedImageState previous) {
    List<DependencyEdge> edges = new ArrayList<>();
    for (String name : previous.baseImages()) {
      boolean pinned = previous.pinnedBaseImages().contains(name);
      BaseImageState base = state.baseImages().get(name);
      boolean recordedAsBase = base != null && base.dependentImages().contains(previous.name());
      if (!recordedAsBase && catalog.find(name).isPresent()) {
        edges.add(DependencyEdge.toImage(name, pinned));
      } else if (base != null) {
        // Resolved again: the base may have been enrolled as an image since.
        edges.add(
            resolve(base.registry(), base.repository(), base.tag(), base.digest(), name, pinned));
      }
    }
    return edges;
  }

  private DependencyEdge resolve(BaseImageReference ref) {
    return resolve(
        ref.registry(), ref.repository(), ref.tag(), ref.digest(), ref.name(), ref.pinned());
  }

  private DependencyEdge resolve(
      String registry,
      String repository,
      String tag,
      String digest,
      String candidateName,
      boolean pinned) {
    String repo = ImageRefs.repoKey(registry, repository);
    ImageEntry managed = managedByRepo.get(repo);
    if (managed != null) {
      return DependencyEdge.toImage(managed.name(), pinned);
    }
    ImageEntry external = externalByRepo.get(repo);
    if (external != null && tag != null && follows(external, tag)) {
      return DependencyEdge.toImage(external.name(), pinned);
    }
    String identity = ImageRefs.identity(registry, repository, tag, digest);
    String candidate =
        ResourceNames.isValidBaseName(candidateName)
            ? candidateName
            : BaseImageNames.withHashSuffix("base", identity);
    return DependencyEdge.toBase(
        new DependencyEdge.BaseSpec(
            identity, candidate, registry, repository, tag, tag == null ? digest : null),
        pinned);
  }

  private boolean follows(ImageEntry external, String tag) {
    return followedTags.get(external.name()).test(tag);
  }

  /**
   * The tags an external image's Warehouse follows, as Kargo selects them: the one tag of the
   * Digest strategy (its {@code constraint}), else every tag its {@code allowTags} matches
   * anywhere. Compiled once per plan; a filter the validator would refuse follows nothing.
   */
  private static Predicate<String> followedTags(ImageEntry external) {
    if ("Digest".equals(external.imageSelectionStrategy())) {
      Optional<String> exact = ExactTag.of(external.allowTags());
      return tag -> exact.isPresent() && exact.get().equals(tag);
    }
    if (external.allowTags() == null || external.allowTags().isBlank()) {
      // The renderer subscribes to every tag then, so every tag is this image's.
      return tag -> true;
    }
    try {
      return TagFilter.of(external.allowTags())::matches;
    } catch (IllegalArgumentException refused) {
      return tag -> false;
    }
  }
}
