package io.imagefactory.catalog.yaml;

import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Counts the values a composed document expands to through its aliases, each shared node once per
 * use, without expanding anything: an alias bomb ("billion laughs") is refused in time linear in
 * the document, and a recursive alias is refused instead of followed forever.
 */
final class AliasExpansion {

  private final Map<Node, Long> sizes = new IdentityHashMap<>();
  private final Map<Node, Boolean> inProgress = new IdentityHashMap<>();

  /**
   * The number of values under {@code node}, aliases expanded. An anchor comes before its aliases
   * in document order, which is the order of this walk, so every alias is either already counted or
   * recursive: the walk never goes deeper than the composed nesting limit.
   */
  long count(Node node) throws YamlDocuments.YamlProblem {
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    if (inProgress.put(node, Boolean.TRUE) != null) {
      throw new YamlDocuments.YamlProblem(
          "an alias refers to a value that contains it (a recursive alias)", node.getStartMark());
    }
    long size = 1;
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        size += count(tuple.getKeyNode()) + count(tuple.getValueNode());
        check(size, node);
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size += count(item);
        check(size, node);
      }
    }
    inProgress.remove(node);
    sizes.put(node, size);
    return size;
  }

  private static void check(long size, Node node) throws YamlDocuments.YamlProblem {
    if (size > YamlDocuments.MAX_EXPANDED_VALUES) {
      throw new YamlDocuments.YamlProblem(
          "the document has more than "
              + YamlDocuments.MAX_EXPANDED_VALUES
              + " values, counting each use of an alias (an alias bomb?)",
          node.getStartMark());
    }
  }
}
