package io.imagefactory.starter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An {@link ImageGraph} as a Mermaid flowchart. Node ids are the names reduced to letters, digits
 * and underscores behind an {@code n_} prefix (so no id is a keyword such as {@code end} or starts
 * with {@code o} or {@code x} after an arrow); the name itself is the quoted label.
 */
final class MermaidFormat {

  private MermaidFormat() {}

  static String of(ImageGraph graph) {
    Map<String, String> ids = ids(graph);
    List<String> lines = new ArrayList<>();
    lines.add("graph LR");
    for (ImageGraph.Node node : graph.nodes()) {
      lines.add("  " + ids.get(node.name()) + shape(node.kind(), label(node.name())));
    }
    List<Integer> cascades = new ArrayList<>();
    for (int i = 0; i < graph.edges().size(); i++) {
      ImageGraph.Edge edge = graph.edges().get(i);
      String from = ids.get(edge.from());
      String to = ids.get(edge.to());
      if (edge.pinned()) {
        lines.add("  " + from + " -. pinned .-> " + to);
      } else if (edge.cascade()) {
        cascades.add(i);
        lines.add("  " + from + " == cascade ==> " + to);
      } else {
        lines.add("  " + from + " --> " + to);
      }
    }
    lines.add("  classDef managed fill:#dbeafe,stroke:#1d4ed8");
    lines.add("  classDef external stroke-dasharray:5 5");
    classLine(graph, ids, ImageGraph.Kind.MANAGED, "managed").ifPresent(lines::add);
    classLine(graph, ids, ImageGraph.Kind.EXTERNAL, "external").ifPresent(lines::add);
    if (!cascades.isEmpty()) {
      lines.add(
          "  linkStyle "
              + cascades.stream().map(String::valueOf).collect(Collectors.joining(","))
              + " stroke:#d9480f,stroke-width:3px");
    }
    return String.join("\n", lines) + "\n";
  }

  private static Optional<String> classLine(
      ImageGraph graph, Map<String, String> ids, ImageGraph.Kind kind, String className) {
    String members =
        graph.nodes().stream()
            .filter(n -> n.kind() == kind)
            .map(n -> ids.get(n.name()))
            .collect(Collectors.joining(","));
    return members.isEmpty()
        ? Optional.empty()
        : Optional.of("  class " + members + " " + className);
  }

  /** Sanitised ids, made unique in node order (sorted), so the output is stable. */
  private static Map<String, String> ids(ImageGraph graph) {
    Map<String, String> ids = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (ImageGraph.Node node : graph.nodes()) {
      String id = "n_" + node.name().replaceAll("[^A-Za-z0-9_]", "_");
      String unique = id;
      for (int n = 2; !taken.add(unique); n++) {
        unique = id + "_" + n;
      }
      ids.put(node.name(), unique);
    }
    return ids;
  }

  private static String shape(ImageGraph.Kind kind, String label) {
    return switch (kind) {
      case MANAGED -> "[" + label + "]";
      case EXTERNAL -> "[(" + label + ")]";
      case BASE -> "([" + label + "])";
    };
  }

  private static String label(String name) {
    return "\"" + name.replace("\"", "#quot;") + "\"";
  }
}
