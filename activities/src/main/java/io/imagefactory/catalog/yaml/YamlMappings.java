package io.imagefactory.catalog.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a YAML mapping node into its fields by key, in file order: rejects duplicate and non-string
 * keys, and applies merge keys ({@code <<: *defaults}) the way YAML 1.1 defines them (keys written
 * in the mapping win over merged ones; earlier merged mappings win over later ones).
 */
public final class YamlMappings {

  private YamlMappings() {}

  public static Map<String, NodeTuple> flatten(
      MappingNode mapping, BiConsumer<Mark, String> errors) {
    Map<String, NodeTuple> fields = new LinkedHashMap<>();
    Map<String, NodeTuple> merged = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (Tag.MERGE.equals(key.getTag())) {
        merge(tuple.getValueNode(), merged, errors);
      } else if (!(key instanceof ScalarNode scalar) || YamlNodes.isNull(key)) {
        errors.accept(key.getStartMark(), "keys must be strings, got " + YamlNodes.describe(key));
      } else if (fields.containsKey(scalar.getValue())) {
        Mark first = fields.get(scalar.getValue()).getKeyNode().getStartMark();
        errors.accept(
            key.getStartMark(),
            "duplicate key '"
                + Quoted.printable(scalar.getValue())
                + "' (first at line "
                + (first.getLine() + 1)
                + ")");
      } else {
        fields.put(scalar.getValue(), tuple);
      }
    }
    merged.forEach(fields::putIfAbsent);
    return fields;
  }

  private static void merge(
      Node value, Map<String, NodeTuple> merged, BiConsumer<Mark, String> errors) {
    List<Node> sources =
        value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
    for (Node source : sources) {
      if (source instanceof MappingNode mapping) {
        // Nested merge keys were proven finite by the expansion budget when the document was read.
        flatten(mapping, errors).forEach(merged::putIfAbsent);
      } else {
        errors.accept(
            source.getStartMark(), "'<<' merges mappings only, got " + YamlNodes.describe(source));
      }
    }
  }
}
