package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlMappings;
import io.imagefactory.catalog.yaml.YamlNodes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fields of one YAML mapping, read with type checks that report to {@link CatalogErrors}
 * instead of throwing. Errors are placed at the field's key; missing fields at the mapping.
 */
final class YamlFields {

  private final MappingNode mapping;
  private final Map<String, NodeTuple> fields;
  private final String entry;
  private final String prefix;
  private final CatalogErrors errors;

  YamlFields(MappingNode mapping, String entry, String prefix, CatalogErrors errors) {
    this.mapping = mapping;
    this.entry = entry;
    this.prefix = prefix;
    this.errors = errors;
    this.fields =
        YamlMappings.flatten(mapping, (mark, message) -> errors.add(mark, entry, null, message));
  }

  Mark mark() {
    return mapping.getStartMark();
  }

  boolean has(String field) {
    return fields.containsKey(field);
  }

  void rejectUnknown(List<String> known) {
    for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
      if (!known.contains(field.getKey())) {
        errors.add(
            field.getValue().getKeyNode().getStartMark(),
            entry,
            label(field.getKey()),
            "unknown field" + FieldSuggestions.hint(field.getKey(), known));
      }
    }
  }

  /** The text of a scalar field; null when absent or null; an error when not a scalar. */
  String string(String field) {
    Node value = value(field);
    if (value == null || YamlNodes.isNull(value)) {
      return null;
    }
    if (value instanceof ScalarNode scalar && YamlNodes.hasCoreTag(scalar)) {
      return scalar.getValue();
    }
    error(field, "expected a string, got " + YamlNodes.describe(value));
    return null;
  }

  /**
   * Like {@link #requiredString}, for a field whose value is never a number: {@code registry: 42}
   * is refused as the wrong type instead of being read as the text {@code 42}.
   */
  String requiredText(String field) {
    Node value = value(field);
    if (value instanceof ScalarNode scalar
        && (Tag.INT.equals(scalar.getTag()) || Tag.FLOAT.equals(scalar.getTag()))) {
      error(field, "expected a string, got the number " + Quoted.printable(scalar.getValue()));
      return null;
    }
    return requiredString(field);
  }

  /** Like {@link #string} but reports a missing or empty field. */
  String requiredString(String field) {
    String text = string(field);
    if (text == null && (value(field) == null || YamlNodes.isNull(value(field)))) {
      missing(field);
    } else if (text != null && text.isBlank()) {
      error(field, "must not be empty");
      return null;
    }
    return text;
  }

  Boolean bool(String field) {
    Node value = value(field);
    if (value == null || YamlNodes.isNull(value)) {
      return null;
    }
    if (value instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
      if (scalar.getValue().equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (scalar.getValue().equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    String shown =
        value instanceof ScalarNode scalar
            ? Quoted.of(scalar.getValue())
            : YamlNodes.describe(value);
    error(field, "expected true or false, got " + shown);
    return null;
  }

  /** The fields of a nested mapping; null when absent or null; an error when not a mapping. */
  YamlFields mapping(String field) {
    Node value = value(field);
    if (value == null || YamlNodes.isNull(value)) {
      return null;
    }
    if (value instanceof MappingNode nested) {
      return new YamlFields(nested, entry, prefix + field + ".", errors);
    }
    error(field, "expected a mapping, got " + YamlNodes.describe(value));
    return null;
  }

  /** The fields of {@code nested}, one of this mapping's values, labelled {@code prefix+label.}. */
  YamlFields nested(MappingNode nested, String label) {
    return new YamlFields(nested, entry, prefix + label + ".", errors);
  }

  /** The same mapping reported under another entry label (the file's {@code defaults:}). */
  static YamlFields of(MappingNode mapping, String entry, CatalogErrors errors) {
    return new YamlFields(mapping, entry, "", errors);
  }

  /** A mapping of names to strings, each name checked by {@code keyRule}; sorted by name. */
  Map<String, String> stringMap(String field, Function<String, Optional<String>> keyRule) {
    YamlFields nested = mapping(field);
    if (nested == null) {
      return Map.of();
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : nested.fields.keySet()) {
      keyRule.apply(key).ifPresent(problem -> nested.error(key, problem));
      if (nested.value(key) == null || YamlNodes.isNull(nested.value(key))) {
        nested.error(key, "has no value (write \"\" for an empty one)");
      } else {
        String text = nested.string(key);
        if (text != null) {
          values.put(key, text);
        }
      }
    }
    return values;
  }

  /** {@code value} when {@code rule} finds nothing wrong with it; else null, and the error. */
  String checked(String field, String value, Function<String, Optional<String>> rule) {
    if (value == null) {
      return null;
    }
    Optional<String> problem = rule.apply(value);
    problem.ifPresent(message -> error(field, message));
    return problem.isPresent() ? null : value;
  }

  void error(String field, String message) {
    NodeTuple tuple = fields.get(field);
    Mark at = tuple == null ? mapping.getStartMark() : tuple.getKeyNode().getStartMark();
    errors.add(at, entry, label(field), message);
  }

  void missing(String field) {
    error(field, "is required");
  }

  /** The raw value node of a field, or null when absent. */
  Node node(String field) {
    return value(field);
  }

  /**
   * The value node of an optional field that may not be left empty; null when absent or empty, an
   * empty one reported with the {@code shape} to write.
   */
  Node filled(String field, String shape) {
    Node node = value(field);
    if (node != null && YamlNodes.isNull(node)) {
      error(field, "is empty: write " + shape);
      return null;
    }
    return node;
  }

  private Node value(String field) {
    NodeTuple tuple = fields.get(field);
    return tuple == null ? null : tuple.getValueNode();
  }

  /** The dotted field name for messages; keys come from the file, so they are made printable. */
  private String label(String field) {
    return Quoted.printable(prefix + field);
  }
}
