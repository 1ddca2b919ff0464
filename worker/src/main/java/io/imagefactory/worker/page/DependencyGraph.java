package io.imagefactory.worker.page;

import io.imagefactory.fleet.ImageFacts;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.StateSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who is built on whom: a node per image and base image, an edge from each base to each image built
 * on it. Nodes are layered by depth (bases and images built on nothing of ours at 0, an image one
 * column right of its deepest base), so a cascade reads left to right: base, the managed image
 * built on it, the image built on that.
 */
final class DependencyGraph {

  /** Deeper than this is a cycle or a hostile state: it is drawn at this depth, never looped. */
  static final int MAX_DEPTH = 64;

  /**
   * One box.
   *
   * @param kind {@code base}, {@code managed} or {@code external}
   */
  record Node(String name, String kind, String state, int depth) {}

  /**
   * One arrow, from a base to the image built on it.
   *
   * @param cascade true when {@code from} is an image of ours, whose rebuilds cascade to {@code to}
   */
  record Edge(String from, String to, boolean cascade) {}

  private final List<Node> nodes;
  private final List<Edge> edges;

  private DependencyGraph(List<Node> nodes, List<Edge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  static DependencyGraph of(StateSnapshot states) {
    Map<String, String> kinds = new TreeMap<>();
    Map<String, String> stateOf = new HashMap<>();
    for (BaseImageState base : states.baseImages().values()) {
      ImageFacts facts = ImageFacts.of(base);
      kinds.put(base.name(), facts.kind());
      stateOf.put(base.name(), facts.status());
    }
    // An image that is also watched as a base is one node: the image.
    for (ImageState image : states.images().values()) {
      ImageFacts facts = ImageFacts.of(image);
      kinds.put(image.name(), facts.kind());
      stateOf.put(image.name(), facts.status());
    }
    Map<String, List<String>> basesOf = new TreeMap<>();
    List<Edge> edges = new ArrayList<>();
    for (ImageState image : states.images().values()) {
      Set<String> seen = new HashSet<>();
      for (String base : image.baseImages()) {
        if (kinds.containsKey(base) && !base.equals(image.name()) && seen.add(base)) {
          basesOf.computeIfAbsent(image.name(), n -> new ArrayList<>()).add(base);
          boolean cascade = states.images().get(base) instanceof ManagedImageState;
          edges.add(new Edge(base, image.name(), cascade));
        }
      }
    }
    Map<String, Integer> depths = new HashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (Map.Entry<String, String> node : kinds.entrySet()) {
      int depth = depth(node.getKey(), basesOf, depths, new HashSet<>());
      nodes.add(new Node(node.getKey(), node.getValue(), stateOf.get(node.getKey()), depth));
    }
    return new DependencyGraph(List.copyOf(nodes), List.copyOf(edges));
  }

  private static int depth(
      String name,
      Map<String, List<String>> basesOf,
      Map<String, Integer> depths,
      Set<String> path) {
    Integer known = depths.get(name);
    if (known != null) {
      return known;
    }
    if (!path.add(name) || path.size() > MAX_DEPTH) {
      return MAX_DEPTH;
    }
    int depth = 0;
    for (String base : basesOf.getOrDefault(name, List.of())) {
      depth = Math.max(depth, Math.min(MAX_DEPTH, depth(base, basesOf, depths, path) + 1));
    }
    path.remove(name);
    depths.put(name, depth);
    return depth;
  }

  /** Every node, sorted by name. */
  List<Node> nodes() {
    return nodes;
  }

  /** Every edge, by image and then in the order of the image's bases. */
  List<Edge> edges() {
    return edges;
  }
}
