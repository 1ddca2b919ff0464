package io.imagefactory.catalog.yaml;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small questions about SnakeYAML nodes, worded for error messages. */
public final class YamlNodes {

  private YamlNodes() {}

  public static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
  }

  /**
   * True for a scalar a plain YAML reader takes as text: a string, number, boolean or timestamp.
   * Another tag ({@code !!binary}, a local {@code !secret}) asks for a meaning Image Factory does
   * not give it, so its value is refused instead of being read as the text written.
   */
  public static boolean hasCoreTag(ScalarNode scalar) {
    Tag tag = scalar.getTag();
    return Tag.STR.equals(tag)
        || Tag.INT.equals(tag)
        || Tag.FLOAT.equals(tag)
        || Tag.BOOL.equals(tag)
        || Tag.TIMESTAMP.equals(tag)
        || Tag.NULL.equals(tag);
  }

  /** {@code a mapping}, {@code a list}, {@code nothing}, {@code a string} or a tagged value. */
  public static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar && !hasCoreTag(scalar)) {
      return "a value tagged "
          + Quoted.printable(scalar.getTag().getValue())
          + " (YAML tags are not supported)";
    }
    return isNull(node) ? "nothing" : "a string";
  }
}
