package io.imagefactory.starter;

import java.util.ArrayList;
import java.util.List;

/** An {@link ImageGraph} as Graphviz DOT; every id is quoted, so any image name is valid. */
final class DotFormat {

  private DotFormat() {}

  static String of(ImageGraph graph) {
    List<String> lines = new ArrayList<>();
    lines.add("digraph \"image-factory\" {");
    lines.add("  rankdir=LR;");
    lines.add("  node [fontname=\"Helvetica\"];");
    lines.add("  edge [fontname=\"Helvetica\", fontsize=10];");
    for (ImageGraph.Node node : graph.nodes()) {
      lines.add("  " + quote(node.name()) + " [" + nodeStyle(node.kind()) + "];");
    }
    for (ImageGraph.Edge edge : graph.edges()) {
      String style =
          edge.pinned()
              ? " [style=dashed, label=\"pinned\"]"
              : edge.cascade() ? " [color=\"#d9480f\", penwidth=2, label=\"cascade\"]" : "";
      lines.add("  " + quote(edge.from()) + " -> " + quote(edge.to()) + style + ";");
    }
    lines.add("}");
    return String.join("\n", lines) + "\n";
  }

  private static String nodeStyle(ImageGraph.Kind kind) {
    return switch (kind) {
      case MANAGED -> "shape=box, style=filled, fillcolor=\"#dbeafe\"";
      case EXTERNAL -> "shape=box, style=dashed";
      case BASE -> "shape=ellipse";
    };
  }

  static String quote(String id) {
    return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
