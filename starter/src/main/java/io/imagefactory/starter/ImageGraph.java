package io.imagefactory.starter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Images and the bases they are built on, sorted, ready to draw. A base that is itself a managed
 * image makes a cascade edge: its rebuild rebuilds the dependent. A pinned base is referenced by
 * digest, so its updates never rebuild the dependent, not even in a cascade.
 */
final class ImageGraph {

  /** One enrolled image as the graph needs it. */
  record Image(String name, boolean managed, List<String> bases, List<String> pinned) {

    Image {
      bases = bases == null ? List.of() : List.copyOf(bases);
      pinned = pinned == null ? List.of() : List.copyOf(pinned);
    }
  }

  enum Kind {
    MANAGED,
    EXTERNAL,
    BASE
  }

  record Node(String name, Kind kind) {}

  record Edge(String from, String to, boolean pinned, boolean cascade) {}

  private final List<Node> nodes;
  private final List<Edge> edges;

  private ImageGraph(List<Node> nodes, List<Edge> edges) {
    this.nodes = nodes;
    this.edges = edges;
  }

  /**
   * The graph of the images and the known base images; a name that is both an image and a base is
   * the image, since that is what the name resolves to.
   */
  static ImageGraph of(Collection<Image> images, Collection<String> baseImages) {
    Map<String, Kind> kinds = new TreeMap<>();
    baseImages.forEach(base -> kinds.put(base, Kind.BASE));
    images.forEach(image -> image.bases().forEach(base -> kinds.putIfAbsent(base, Kind.BASE)));
    images.forEach(
        image -> kinds.put(image.name(), image.managed() ? Kind.MANAGED : Kind.EXTERNAL));
    List<Edge> edges = new ArrayList<>();
    for (Image image : images) {
      for (String base : image.bases()) {
        boolean pinned = image.pinned().contains(base);
        edges.add(new Edge(image.name(), base, pinned, !pinned && kinds.get(base) == Kind.MANAGED));
      }
    }
    edges.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to));
    List<Node> nodes = new ArrayList<>();
    kinds.forEach((name, kind) -> nodes.add(new Node(name, kind)));
    return new ImageGraph(List.copyOf(nodes), edges.stream().distinct().toList());
  }

  List<Node> nodes() {
    return nodes;
  }

  List<Edge> edges() {
    return edges;
  }
}
