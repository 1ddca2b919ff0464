package io.imagefactory.enrollment.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of a plan with every base named: what each managed image is built on (in
 * Dockerfile order), and the reverse edges that become {@code dependentImages}.
 *
 * @param built managed image to the names it is built on
 * @param imageDependents enrolled image to the managed images built on it
 * @param baseDependents base name to the managed images built on it
 * @param usedBases base name to what it refers to, for every base in use
 */
record NamedGraph(
    Map<String, Bases> built,
    Map<String, SortedSet<String>> imageDependents,
    Map<String, SortedSet<String>> baseDependents,
    Map<String, DependencyEdge.BaseSpec> usedBases) {

  /** Names an image is built on, and the subset referenced only by digest. */
  record Bases(List<String> names, List<String> pinned) {}

  /**
   * @param edges managed image to its edges
   * @param baseNames base identity to name
   */
  static NamedGraph of(Map<String, List<DependencyEdge>> edges, Map<String, String> baseNames) {
    NamedGraph graph =
        new NamedGraph(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    edges.forEach((image, list) -> graph.add(image, list, baseNames));
    return graph;
  }

  /** The managed images built on {@code image}, sorted. */
  List<String> dependentsOf(String image) {
    return List.copyOf(imageDependents.getOrDefault(image, new TreeSet<>()));
  }

  private void add(String image, List<DependencyEdge> edges, Map<String, String> baseNames) {
    Map<String, Boolean> pinnedByName = new LinkedHashMap<>();
    for (DependencyEdge edge : edges) {
      String name = edge.toImage() ? edge.image() : baseNames.get(edge.base().identity());
      pinnedByName.merge(name, edge.pinned(), Boolean::logicalAnd);
      if (edge.toImage()) {
        imageDependents.computeIfAbsent(name, n -> new TreeSet<>()).add(image);
      } else {
        usedBases.putIfAbsent(name, edge.base());
        baseDependents.computeIfAbsent(name, n -> new TreeSet<>()).add(image);
      }
    }
    List<String> pinned =
        pinnedByName.entrySet().stream()
            .filter(Map.Entry::getValue)
            .map(Map.Entry::getKey)
            .toList();
    built.put(image, new Bases(List.copyOf(pinnedByName.keySet()), pinned));
  }

  /** Every base spec among {@code edges}. */
  static List<DependencyEdge.BaseSpec> specs(Collection<List<DependencyEdge>> edges) {
    return edges.stream()
        .flatMap(List::stream)
        .filter(edge -> !edge.toImage())
        .map(DependencyEdge::base)
        .toList();
  }
}
