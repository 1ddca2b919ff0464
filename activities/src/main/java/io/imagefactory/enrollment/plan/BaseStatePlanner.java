package io.imagefactory.enrollment.plan;

import io.imagefactory.dockerfile.BaseImageNames;
import io.imagefactory.reference.ImageRefs;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.StateFileProblem;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import io.imagefactory.statefiles.StateSnapshotReader;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Names the base images a plan uses and works out their state files. An existing base keeps its
 * name (so its file and Warehouse stay put), and its runtime data (first discovery, digests,
 * watched) survives; {@code lastChecked} moves only when something else in the file changes.
 */
final class BaseStatePlanner {

  static final String DIGEST_STRATEGY = "Digest";

  private BaseStatePlanner() {}

  /** Base identity to name, for every base of {@code specs} (and every existing base). */
  static Map<String, String> names(StateSnapshot state, Collection<DependencyEdge.BaseSpec> specs) {
    Map<String, String> existing = new HashMap<>();
    for (BaseImageState base : state.baseImages().values()) {
      existing.putIfAbsent(
          ImageRefs.identity(base.registry(), base.repository(), base.tag(), base.digest()),
          base.name());
    }
    // An unreadable base file keeps its name reserved: a plan never writes over it.
    for (StateFileProblem problem : state.problems()) {
      StateSnapshotReader.nameIn(problem.path(), StateFileStore.BASE_IMAGES_DIR)
          .ifPresent(name -> existing.put("unreadable:" + problem.path(), name));
    }
    Map<String, String> candidates = new TreeMap<>();
    // The same base may be proposed under several names (a file disambiguates a pinned reference
    // from an unpinned one); the smallest is the plain one and does not depend on image order.
    specs.forEach(
        spec ->
            candidates.merge(
                spec.identity(), spec.candidateName(), (a, b) -> a.compareTo(b) <= 0 ? a : b));
    return BaseImageNames.assign(existing, candidates);
  }

  /**
   * The state file of each used base.
   *
   * @param specs base name to what it refers to
   * @param dependents base name to the managed images built on it
   */
  static SortedMap<String, BaseImageState> states(
      Map<String, DependencyEdge.BaseSpec> specs,
      Map<String, ? extends Collection<String>> dependents,
      StateSnapshot state,
      Instant now) {
    return states(specs, dependents, state, now, repository -> Optional.empty());
  }

  /**
   * Like {@link #states(Map, Map, StateSnapshot, Instant)}, with the {@code verify:} rule of each
   * base's repository.
   */
  static SortedMap<String, BaseImageState> states(
      Map<String, DependencyEdge.BaseSpec> specs,
      Map<String, ? extends Collection<String>> dependents,
      StateSnapshot state,
      Instant now,
      Function<String, Optional<VerifyRule>> rules) {
    SortedMap<String, BaseImageState> states = new TreeMap<>();
    specs.forEach(
        (name, spec) ->
            states.put(
                name,
                merge(
                    name,
                    spec,
                    List.copyOf(dependents.get(name)),
                    state.baseImages().get(name),
                    rules.apply(spec.registry() + "/" + spec.repository()).orElse(null),
                    now)));
    return states;
  }

  private static BaseImageState merge(
      String name,
      DependencyEdge.BaseSpec spec,
      List<String> dependents,
      BaseImageState previous,
      VerifyRule verify,
      Instant now) {
    boolean tagged = spec.tag() != null;
    BaseImageState desired =
        new BaseImageState(
            name,
            ImageRefs.familiar(spec.registry(), spec.repository(), spec.tag(), spec.digest()),
            spec.registry(),
            spec.repository(),
            spec.tag(),
            spec.digest(),
            spec.registry() + "/" + spec.repository(),
            tagged ? ImageRefs.exactTagRegex(spec.tag()) : null,
            tagged ? DIGEST_STRATEGY : null,
            previous == null ? now : previous.firstDiscovered(),
            previous == null ? now : previous.lastChecked(),
            previous == null ? null : previous.watched(),
            dependents,
            previous == null ? null : previous.currentDigest(),
            previous == null ? null : previous.lastUpdated(),
            previous == null ? null : previous.digestHistory(),
            verify,
            previous == null ? null : previous.scans(),
            previous == null ? null : previous.unknownFields());
    return previous == null || desired.equals(previous) ? desired : checkedAt(desired, now);
  }

  private static BaseImageState checkedAt(BaseImageState state, Instant now) {
    return new BaseImageState(
        state.name(),
        state.fullImage(),
        state.registry(),
        state.repository(),
        state.tag(),
        state.digest(),
        state.repoURL(),
        state.allowTags(),
        state.imageSelectionStrategy(),
        state.firstDiscovered() == null ? now : state.firstDiscovered(),
        now,
        state.watched(),
        state.dependentImages(),
        state.currentDigest(),
        state.lastUpdated(),
        state.digestHistory(),
        state.verify(),
        state.scans(),
        state.unknownFields());
  }
}
