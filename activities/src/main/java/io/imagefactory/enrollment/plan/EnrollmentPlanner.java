package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.signature.VerifyRule;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.FileChange;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateFileStore;
import io.imagefactory.statefiles.StateSnapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Plans an enrollment, purely: from {@code images.yaml}, the current state files and the analysis
 * outcome of each managed image, the exact state-file changes. Configuration comes from {@code
 * images.yaml}, runtime data survives, timestamps move only when a result changes (so planning an
 * unchanged repository gives no change at all), dependency cycles are cut and reported, and {@code
 * images.yaml} itself is never written.
 */
public final class EnrollmentPlanner {

  private final StateFileStore store = new StateFileStore();

  /**
   * Plans.
   *
   * @param outcomes per managed image; a missing one counts as not analysed
   * @param now the time recorded for what changes (truncated to seconds)
   */
  public EnrollmentPlan plan(
      Catalog catalog, StateSnapshot state, Map<String, AnalysisOutcome> outcomes, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    PlanAccount account = new PlanAccount();
    Map<String, AnalysisOutcome> effective = new TreeMap<>();
    Map<String, List<DependencyEdge>> edges =
        ManagedEdges.resolve(catalog, state, outcomes, effective, account);
    Map<String, String> cycles = ManagedEdges.cutCycles(edges, account);
    Map<String, String> baseNames = BaseStatePlanner.names(state, NamedGraph.specs(edges.values()));
    NamedGraph graph = NamedGraph.of(edges, baseNames);

    List<FileChange> changes = new ArrayList<>();
    for (ImageEntry entry : catalog.entries()) {
      planImage(
          entry,
          ownRule(catalog, entry, graph),
          state,
          effective,
          cycles,
          graph,
          at,
          changes,
          account);
    }
    for (String name : state.images().keySet()) {
      if (catalog.find(name).isEmpty()) {
        changes.add(FileChange.delete(StateFileStore.imagePath(name)));
        account.removedImages.add(name);
      }
    }
    planBases(catalog, state, graph, at, changes, account);
    state.problems().forEach(problem -> account.problems.add(problem.toString()));
    return new EnrollmentPlan(changes, account.summary());
  }

  /**
   * The rule for the image's own new builds: only an image others are built on cascades, so only
   * its state file names the rule, and a leaf image's file does not change when a rule is added.
   */
  private static VerifyRule ownRule(Catalog catalog, ImageEntry entry, NamedGraph graph) {
    return graph.dependentsOf(entry.name()).isEmpty()
        ? null
        : catalog.verifyRuleFor(entry.repoUrl()).orElse(null);
  }

  private void planImage(
      ImageEntry entry,
      VerifyRule ownRule,
      StateSnapshot state,
      Map<String, AnalysisOutcome> outcomes,
      Map<String, String> cycles,
      NamedGraph graph,
      Instant at,
      List<FileChange> changes,
      PlanAccount account) {
    String name = entry.name();
    ImageState previous = state.images().get(name);
    ImageState desired;
    if (entry.managed()) {
      ManagedImageState before = previous instanceof ManagedImageState managed ? managed : null;
      Discovery discovery =
          Discovery.of(
              entry, outcomes.get(name), before, cycles.get(name), graph.built().get(name), at);
      desired =
          ImageStateMerger.managed(
              entry, previous, discovery, graph.dependentsOf(name), ownRule, at);
      if (!discovery.buildErrors().isEmpty()) {
        account.buildErrors.put(name, discovery.buildErrors());
      }
    } else {
      desired = ImageStateMerger.external(entry, previous, graph.dependentsOf(name), ownRule, at);
    }
    String path = StateFileStore.imagePath(name);
    if (state.isUnreadable(path)) {
      account.failed.put(name, path + " could not be read; fix or delete it");
    } else if (previous == null) {
      changes.add(FileChange.create(path, store.write(desired)));
      account.enrolled.add(name);
    } else if (!desired.equals(previous)) {
      changes.add(FileChange.update(path, store.write(desired)));
      account.updated.add(name);
    } else {
      account.unchanged.add(name);
    }
  }

  private void planBases(
      Catalog catalog,
      StateSnapshot state,
      NamedGraph graph,
      Instant at,
      List<FileChange> changes,
      PlanAccount account) {
    SortedMap<String, BaseImageState> desired =
        BaseStatePlanner.states(
            graph.usedBases(), graph.baseDependents(), state, at, catalog::verifyRuleFor);
    desired.forEach(
        (name, base) -> {
          BaseImageState previous = state.baseImages().get(name);
          String path = StateFileStore.baseImagePath(name);
          if (previous == null) {
            changes.add(FileChange.create(path, store.write(base)));
            account.discoveredBases.add(name);
          } else if (!base.equals(previous)) {
            changes.add(FileChange.update(path, store.write(base)));
            account.updatedBases.add(name);
          }
        });
    for (String name : state.baseImages().keySet()) {
      if (!desired.containsKey(name)) {
        changes.add(FileChange.delete(StateFileStore.baseImagePath(name)));
        account.droppedBases.add(name);
      }
    }
  }
}
