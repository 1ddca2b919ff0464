package io.imagefactory.worker.page;

import io.imagefactory.fleet.ImageFacts;
import io.imagefactory.worker.page.DependencyGraph.Edge;
import io.imagefactory.worker.page.DependencyGraph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws a {@link DependencyGraph} as SVG in a layered layout: one column per depth, bases on the
 * left, each image right of its bases, ordered within a column by where its bases stand so that
 * arrows cross little. Colours are presentation attributes, not styles, so the picture looks the
 * same inline in the page and on its own, and needs nothing a strict Content-Security-Policy
 * forbids. Every name is escaped.
 */
final class GraphSvg {

  static final int NODE_WIDTH = 230;
  static final int NODE_HEIGHT = 30;
  static final int COLUMN_GAP = 90;
  static final int ROW_GAP = 14;
  static final int PADDING = 20;
  static final int LABEL_CHARS = 30;

  private record Box(Node node, int x, int y) {}

  private GraphSvg() {}

  /** The SVG document of {@code graph}; image nodes link to {@code /images/<name>}. */
  static String render(DependencyGraph graph) {
    Map<String, Box> boxes = layout(graph);
    int columns = graph.nodes().stream().mapToInt(Node::depth).max().orElse(0) + 1;
    int bottom = boxes.values().stream().mapToInt(Box::y).max().orElse(0) + NODE_HEIGHT;
    int width = 2 * PADDING + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP;
    int height = Math.max(bottom + PADDING, 2 * PADDING + NODE_HEIGHT);
    Html svg = new Html();
    svg.open(
        "svg",
        "xmlns",
        "http://www.w3.org/2000/svg",
        "id",
        "dependency-graph",
        "class",
        "graph",
        "width",
        Integer.toString(width),
        "height",
        Integer.toString(height),
        "viewBox",
        "0 0 " + width + " " + height,
        "role",
        "img",
        "aria-label",
        "Dependency graph: "
            + graph.nodes().size()
            + " images and bases, "
            + graph.edges().size()
            + " dependencies");
    svg.raw("<defs>")
        .raw(
            "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\""
                + " fill=\"#607d8b\"/></marker>")
        .raw(
            "<marker id=\"arrow-cascade\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c2185b\"/></marker>")
        .raw("</defs>");
    for (Edge edge : graph.edges()) {
      edge(svg, boxes.get(edge.from()), boxes.get(edge.to()), edge);
    }
    for (Box box : boxes.values()) {
      node(svg, box);
    }
    return svg.close("svg").toString();
  }

  /**
   * Columns by depth; within one, by the mean height of the node's bases, then by name. A node
   * stands level with its bases where the one above leaves room, so a chain reads as a line.
   */
  private static Map<String, Box> layout(DependencyGraph graph) {
    Map<String, List<String>> basesOf = new HashMap<>();
    graph
        .edges()
        .forEach(e -> basesOf.computeIfAbsent(e.to(), n -> new ArrayList<>()).add(e.from()));
    Map<Integer, List<Node>> columns = new TreeMap<>();
    graph.nodes().forEach(n -> columns.computeIfAbsent(n.depth(), d -> new ArrayList<>()).add(n));
    Map<String, Box> boxes = new TreeMap<>();
    for (Map.Entry<Integer, List<Node>> column : columns.entrySet()) {
      List<Node> nodes = new ArrayList<>(column.getValue());
      Map<String, Double> level = new HashMap<>();
      for (Node node : nodes) {
        level.put(
            node.name(),
            basesOf.getOrDefault(node.name(), List.of()).stream()
                .filter(boxes::containsKey)
                .mapToInt(base -> boxes.get(base).y())
                .average()
                .orElse(Double.MAX_VALUE));
      }
      nodes.sort(
          Comparator.<Node>comparingDouble(n -> level.get(n.name())).thenComparing(Node::name));
      int x = PADDING + column.getKey() * (NODE_WIDTH + COLUMN_GAP);
      int next = PADDING;
      for (Node node : nodes) {
        double wanted = level.get(node.name());
        int y = wanted == Double.MAX_VALUE ? next : Math.max(next, (int) Math.round(wanted));
        boxes.put(node.name(), new Box(node, x, y));
        next = y + NODE_HEIGHT + ROW_GAP;
      }
    }
    return boxes;
  }

  private static void edge(Html svg, Box from, Box to, Edge edge) {
    int x1 = from.x() + NODE_WIDTH;
    int y1 = from.y() + NODE_HEIGHT / 2;
    int x2 = to.x();
    int y2 = to.y() + NODE_HEIGHT / 2;
    int bend = COLUMN_GAP / 2;
    String path =
        "M"
            + x1
            + ","
            + y1
            + " C"
            + (x1 + bend)
            + ","
            + y1
            + " "
            + (x2 - bend)
            + ","
            + y2
            + " "
            + x2
            + ","
            + y2;
    svg.open(
            "path",
            "class",
            edge.cascade() ? "edge cascade" : "edge",
            "data-from",
            edge.from(),
            "data-to",
            edge.to(),
            "d",
            path,
            "fill",
            "none",
            "stroke",
            edge.cascade() ? "#c2185b" : "#607d8b",
            "stroke-width",
            edge.cascade() ? "2" : "1.5",
            "stroke-dasharray",
            edge.cascade() ? "6 3" : null,
            "marker-end",
            edge.cascade() ? "url(#arrow-cascade)" : "url(#arrow)")
        .open("title")
        .text(edge.from() + " → " + edge.to() + (edge.cascade() ? " (cascade)" : ""))
        .close("title")
        .close("path");
  }

  private static void node(Html svg, Box box) {
    Node node = box.node();
    boolean image = !ImageFacts.BASE.equals(node.kind());
    if (image) {
      svg.open("a", "href", StatusPaths.image(node.name()));
    }
    svg.open(
        "g",
        "class",
        "node " + node.kind(),
        "data-name",
        node.name(),
        "data-kind",
        node.kind(),
        "data-state",
        node.state(),
        "transform",
        "translate(" + box.x() + "," + box.y() + ")");
    svg.open("title").text(node.name() + " (" + node.kind() + ", " + node.state() + ")");
    svg.close("title");
    svg.open(
            "rect",
            "width",
            Integer.toString(NODE_WIDTH),
            "height",
            Integer.toString(NODE_HEIGHT),
            "rx",
            "6",
            "fill",
            fill(node.kind()),
            "stroke",
            ImageFacts.FAILED.equals(node.state()) ? "#c62828" : stroke(node.kind()),
            "stroke-width",
            ImageFacts.FAILED.equals(node.state()) ? "3" : "1.5")
        .close("rect");
    svg.open(
            "text",
            "x",
            "10",
            "y",
            Integer.toString(NODE_HEIGHT / 2 + 5),
            "font-family",
            "system-ui, sans-serif",
            "font-size",
            "13",
            "fill",
            "#1a1a1a")
        .text(label(node.name()))
        .close("text");
    svg.close("g");
    if (image) {
      svg.close("a");
    }
  }

  private static String label(String name) {
    return name.length() <= LABEL_CHARS ? name : name.substring(0, LABEL_CHARS - 1) + "…";
  }

  private static String fill(String kind) {
    return switch (kind) {
      case ImageFacts.BASE -> "#e8f0fe";
      case ImageFacts.MANAGED -> "#e6f4ea";
      default -> "#fff4e5";
    };
  }

  private static String stroke(String kind) {
    return switch (kind) {
      case ImageFacts.BASE -> "#4a72b8";
      case ImageFacts.MANAGED -> "#2e7d32";
      default -> "#b26a00";
    };
  }
}
