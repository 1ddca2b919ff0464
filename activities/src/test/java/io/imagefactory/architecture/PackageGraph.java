package io.imagefactory.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package dependency graph of the main code, read from the sources: an edge for every import
 * (and every fully qualified name) of another {@code io.imagefactory} package. A package split
 * across modules (the workflow interfaces in {@code workflows}, their implementations in {@code
 * activities}) is one node, because that is the unit a reader navigates. The worker's and the CLI's
 * own packages collapse into {@code worker} and {@code starter}: they wire the rest.
 */
final class PackageGraph {

  /** The modules whose main code is scanned, relative to the repository root. */
  static final List<String> MODULES = List.of("workflows", "activities", "worker", "starter");

  /** The node name of {@code io.imagefactory} itself. */
  static final String ROOT = "(root)";

  private static final String BASE = "io.imagefactory";
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.imagefactory((?:\\.[a-z_][\\w]*)*)\\.[A-Z]");

  /** Edges by source package, each with the files that make it. */
  private final SortedMap<String, SortedMap<String, Set<String>>> edges = new TreeMap<>();

  private final Set<String> nodes = new TreeSet<>();

  private PackageGraph() {}

  /** Reads the main sources of {@link #MODULES} under {@code repositoryRoot}. */
  static PackageGraph read(Path repositoryRoot) {
    PackageGraph graph = new PackageGraph();
    for (String module : MODULES) {
      Path sources = repositoryRoot.resolve(module).resolve("src/main/java");
      if (!Files.isDirectory(sources)) {
        throw new IllegalStateException("no main sources at " + sources);
      }
      try (Stream<Path> files = Files.walk(sources)) {
        files
            .filter(f -> f.toString().endsWith(".java"))
            .sorted()
            .forEach(f -> graph.add(module, sources, f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return graph;
  }

  /** The repository root, found from the working directory of a module's tests. */
  static Path repositoryRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("workflows/src/main/java"))
          && Files.isDirectory(p.resolve("activities/src/main/java"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + here);
  }

  private void add(String module, Path sources, Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher declared = PACKAGE.matcher(text);
    if (!declared.find()) {
      throw new IllegalStateException(file + " declares no package");
    }
    String from = node(declared.group(1));
    nodes.add(from);
    String where = module + "/" + sources.relativize(file);
    Matcher reference = REFERENCE.matcher(text.substring(declared.end()));
    while (reference.find()) {
      String to = node(BASE + reference.group(1));
      if (!to.equals(from)) {
        nodes.add(to);
        edges
            .computeIfAbsent(from, k -> new TreeMap<>())
            .computeIfAbsent(to, k -> new TreeSet<>())
            .add(where);
      }
    }
  }

  private static String node(String javaPackage) {
    if (javaPackage.equals(BASE)) {
      return ROOT;
    }
    String name = javaPackage.substring(BASE.length() + 1);
    for (String consumer : List.of("worker", "starter")) {
      if (name.equals(consumer) || name.startsWith(consumer + ".")) {
        return consumer;
      }
    }
    return name;
  }

  /** Every package seen, sorted. */
  Set<String> nodes() {
    return nodes;
  }

  /** The packages {@code from} depends on, each with the files that make the edge. */
  SortedMap<String, Set<String>> dependenciesOf(String from) {
    return edges.getOrDefault(from, new TreeMap<>());
  }

  /**
   * The strongly connected components with more than one package, each sorted: every one is a cycle
   * (Tarjan's algorithm, iterative bookkeeping kept simple by the graph's small size).
   */
  List<List<String>> cycles() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> components = new ArrayList<>();
    int[] counter = {0};
    for (String node : nodes) {
      if (!index.containsKey(node)) {
        strongConnect(node, index, low, stack, onStack, components, counter);
      }
    }
    components.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return components;
  }

  private void strongConnect(
      String node,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> components,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.push(node);
    onStack.add(node);
    for (String next : dependenciesOf(node).keySet()) {
      if (!index.containsKey(next)) {
        strongConnect(next, index, low, stack, onStack, components, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      List<String> component = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        component.sort(String::compareTo);
        components.add(component);
      }
    }
  }

  /** The graph as text: one line per edge with its file count, then the cycles. */
  String describe() {
    StringBuilder out = new StringBuilder();
    out.append("# package dependency graph of the main code (")
        .append(String.join(", ", MODULES))
        .append(")\n");
    out.append("# <package> -> <package it imports> (<files>)\n");
    for (String from : nodes) {
      SortedMap<String, Set<String>> to = dependenciesOf(from);
      if (to.isEmpty()) {
        out.append(from).append(" -> (nothing)\n");
      }
      to.forEach(
          (target, files) ->
              out.append(from)
                  .append(" -> ")
                  .append(target)
                  .append(" (")
                  .append(files.size())
                  .append(")\n"));
    }
    List<List<String>> cycles = cycles();
    out.append("# cycles (strongly connected packages): ").append(cycles.size()).append('\n');
    for (List<String> cycle : cycles) {
      out.append("cycle: ").append(String.join(" <-> ", cycle)).append('\n');
    }
    return out.toString();
  }
}
