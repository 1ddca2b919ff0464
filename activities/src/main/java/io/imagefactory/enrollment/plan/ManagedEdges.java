package io.imagefactory.enrollment.plan;

import io.imagefactory.catalog.Catalog;
import io.imagefactory.catalog.ImageEntry;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The edges of every managed image in a plan: from its analysis when it succeeded, else from its
 * state file (so a failed or skipped analysis keeps its bases watched); then cycles cut.
 */
final class ManagedEdges {

  private ManagedEdges() {}

  /**
   * @param effective filled with the outcome used per managed image (missing ones: not analysed)
   */
  static Map<String, List<DependencyEdge>> resolve(
      Catalog catalog,
      StateSnapshot state,
      Map<String, AnalysisOutcome> outcomes,
      Map<String, AnalysisOutcome> effective,
      PlanAccount account) {
    EdgeResolver resolver = new EdgeResolver(catalog, state);
    Map<String, List<DependencyEdge>> edges = new TreeMap<>();
    for (ImageEntry entry : catalog.entries()) {
      if (!entry.managed()) {
        continue;
      }
      String name = entry.name();
      AnalysisOutcome outcome =
          outcomes.getOrDefault(name, AnalysisOutcome.notAnalysed("not analysed"));
      effective.put(name, outcome);
      if (outcome instanceof AnalysisOutcome.Success success) {
        edges.put(name, resolver.fromAnalysis(success.analysis()));
        account.analysed.add(name);
        success.analysis().warnings().forEach(w -> account.warnings.add(name + ": " + w));
        continue;
      }
      edges.put(
          name,
          state.images().get(name) instanceof ManagedImageState previous
              ? resolver.fromState(previous)
              : List.of());
      if (outcome instanceof AnalysisOutcome.Failure failure) {
        account.failed.put(name, failure.reason());
      } else if (outcome instanceof AnalysisOutcome.NotAnalysed skipped) {
        account.notAnalysed.put(name, skipped.reason());
      }
    }
    return edges;
  }

  /** Reports each cycle and removes the edges that close it; returns image to its cycle. */
  static Map<String, String> cutCycles(
      Map<String, List<DependencyEdge>> edges, PlanAccount account) {
    Map<String, List<String>> graph = new TreeMap<>();
    edges.forEach(
        (image, list) ->
            graph.put(
                image,
                list.stream().filter(DependencyEdge::toImage).map(DependencyEdge::image).toList()));
    DependencyCycles cycles = new DependencyCycles(graph);
    Map<String, String> through = cycles.cycleThrough();
    through.forEach(
        (image, cycle) -> {
          edges.put(
              image,
              edges.get(image).stream()
                  .filter(edge -> !edge.toImage() || !cycles.sameCycle(image, edge.image()))
                  .toList());
          account.failed.put(image, "dependency cycle: " + cycle);
          account.cycles.add(canonical(cycle));
        });
    return through;
  }

  /** The cycle written from its smallest image, so that each cycle is reported once. */
  static String canonical(String cycle) {
    List<String> images = List.of(cycle.split(" -> "));
    List<String> ring = images.subList(0, images.size() - 1);
    int start = ring.indexOf(ring.stream().min(String::compareTo).orElseThrow());
    List<String> rotated = new ArrayList<>(ring.subList(start, ring.size()));
    rotated.addAll(ring.subList(0, start));
    rotated.add(rotated.get(0));
    return String.join(" -> ", rotated);
  }
}
