package io.imagefactory.enrollment.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds dependency cycles among managed images (A built on B built on A), which a rebuild cascade
 * would follow forever. Every image on a cycle gets one cycle through it, written from itself
 * ({@code b -> a -> b}); images are grouped into strongly connected components (Tarjan), so edges
 * inside a component are exactly the ones that must not be followed.
 */
final class DependencyCycles {

  private final Map<String, List<String>> edges;
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> lowLink = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final Set<String> onStack = new TreeSet<>();
  private final Map<String, Integer> component = new HashMap<>();
  private int counter;
  private int components;

  /**
   * @param edges managed image to the managed images it is built on
   */
  DependencyCycles(Map<String, List<String>> edges) {
    this.edges = new TreeMap<>(edges);
    for (String image : this.edges.keySet()) {
      if (!index.containsKey(image)) {
        connect(image);
      }
    }
  }

  /** Image on a cycle to the cycle through it, like {@code a -> b -> a}; sorted by image. */
  Map<String, String> cycleThrough() {
    Map<String, String> cycles = new TreeMap<>();
    for (String image : edges.keySet()) {
      if (onCycle(image)) {
        cycles.put(image, String.join(" -> ", shortestCycle(image)));
      }
    }
    return cycles;
  }

  /** True when both images are on one cycle: an edge between them closes it. */
  boolean sameCycle(String from, String to) {
    return onCycle(from) && component.get(from).equals(component.get(to));
  }

  private boolean onCycle(String image) {
    Integer own = component.get(image);
    if (own == null) {
      return false;
    }
    return targets(image).stream().anyMatch(t -> own.equals(component.get(t)));
  }

  private List<String> targets(String image) {
    return edges.getOrDefault(image, List.of()).stream()
        .filter(edges::containsKey)
        .sorted()
        .toList();
  }

  private List<String> shortestCycle(String start) {
    Map<String, String> cameFrom = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String current = queue.removeFirst();
      for (String next : targets(current)) {
        if (!component.get(next).equals(component.get(start))) {
          continue;
        }
        if (next.equals(start)) {
          List<String> path = new ArrayList<>(List.of(start));
          for (String at = current; !at.equals(start); at = cameFrom.get(at)) {
            path.add(1, at);
          }
          path.add(start);
          return path;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, current);
          queue.addLast(next);
        }
      }
    }
    throw new IllegalStateException(start + " is on no cycle");
  }

  private void connect(String image) {
    index.put(image, counter);
    lowLink.put(image, counter);
    counter++;
    stack.push(image);
    onStack.add(image);
    for (String next : targets(image)) {
      if (!index.containsKey(next)) {
        connect(next);
        lowLink.put(image, Math.min(lowLink.get(image), lowLink.get(next)));
      } else if (onStack.contains(next)) {
        lowLink.put(image, Math.min(lowLink.get(image), index.get(next)));
      }
    }
    if (lowLink.get(image).equals(index.get(image))) {
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.put(member, components);
      } while (!member.equals(image));
      components++;
    }
  }
}
