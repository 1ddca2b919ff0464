package io.imagefactory.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fails the build on a package cycle or on an import against the layering. A package may import
 * packages of its own layer or of a lower one, never of a higher one; and no two packages may
 * depend on each other, however indirectly. The layers, bottom first, are the rooms of {@code
 * activities/README.md}.
 */
class PackageLayeringTest {

  /** Bottom first. A new package must be placed here before it compiles into the build. */
  static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

  static {
    LAYERS.put("foundation", List.of(PackageGraph.ROOT, "reference", "git", "catalog.yaml"));
    LAYERS.put("rebuild policy", List.of("budget", "rebuild", "signature", "vulnerability"));
    LAYERS.put("state files", List.of("statefiles"));
    LAYERS.put(
        "domain",
        List.of(
            "catalog",
            "enrollment.plan",
            "sources",
            "dockerfile",
            "github",
            "gitlab",
            "argocd",
            "fleet"));
    LAYERS.put("writer and rendering", List.of("staterepo", "kargo", "backstage"));
    LAYERS.put("entities", List.of("entity", "enrollment.request", "image", "base"));
    LAYERS.put("orchestration", List.of("enrollment", "drift"));
    LAYERS.put("previews", List.of("whatif"));
    LAYERS.put("wiring", List.of("worker", "starter"));
  }

  /**
   * Imports against the layering that the code base still has, as {@code from -> to}. The list only
   * shrinks: an entry that no longer occurs fails the test too, so it is removed with the fix.
   */
  static final Set<String> KNOWN_VIOLATIONS = Set.of();

  /** The cycles the code base still has; like {@link #KNOWN_VIOLATIONS}, this list only shrinks. */
  static final List<List<String>> KNOWN_CYCLES = List.of();

  private static PackageGraph graph;

  @BeforeAll
  static void readSources() {
    graph = PackageGraph.read(PackageGraph.repositoryRoot());
  }

  @Test
  void everyPackageHasALayer() {
    List<String> unplaced = new ArrayList<>();
    for (String node : graph.nodes()) {
      if (layerOf(node) < 0) {
        unplaced.add(node);
      }
    }
    assertEquals(List.of(), unplaced, "packages missing from PackageLayeringTest.LAYERS");
  }

  @Test
  void noPackageImportsAHigherLayer() {
    Set<String> violations = new TreeSet<>();
    List<String> explained = new ArrayList<>();
    for (String from : graph.nodes()) {
      graph
          .dependenciesOf(from)
          .forEach(
              (to, files) -> {
                if (layerOf(to) > layerOf(from)) {
                  String edge = from + " -> " + to;
                  violations.add(edge);
                  if (!KNOWN_VIOLATIONS.contains(edge)) {
                    explained.add(
                        edge
                            + " (layer "
                            + layerName(from)
                            + " imports layer "
                            + layerName(to)
                            + ") in "
                            + files);
                  }
                }
              });
    }
    assertEquals(List.of(), explained, "imports against the layering");
    Set<String> fixed = new TreeSet<>(KNOWN_VIOLATIONS);
    fixed.removeAll(violations);
    assertEquals(Set.of(), fixed, "fixed violations still listed in KNOWN_VIOLATIONS");
  }

  @Test
  void noPackageCycles() {
    assertEquals(KNOWN_CYCLES, graph.cycles(), "package cycles; see PackageGraphReport");
  }

  @Test
  void domainCodeNeverImportsTheWiring() {
    for (String from : graph.nodes()) {
      if (!from.equals("worker") && !from.equals("starter")) {
        Set<String> to = graph.dependenciesOf(from).keySet();
        assertTrue(
            !to.contains("worker") && !to.contains("starter"),
            from + " imports the worker or the CLI: " + to);
      }
    }
  }

  private static int layerOf(String node) {
    int i = 0;
    for (List<String> members : LAYERS.values()) {
      if (members.contains(node)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static String layerName(String node) {
    return new ArrayList<>(LAYERS.keySet()).get(layerOf(node));
  }
}
