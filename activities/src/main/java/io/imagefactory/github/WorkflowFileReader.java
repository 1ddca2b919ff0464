package io.imagefactory.github;

import io.imagefactory.catalog.yaml.YamlDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the parts of a workflow's node tree that dispatching needs. Works on composed nodes, so
 * that no Java type is ever constructed and every problem has a line. SnakeYAML resolves YAML 1.1,
 * where the key {@code on} is the boolean true; GitHub reads YAML 1.2, where it is the string
 * {@code on}. Keys are therefore matched by their text, and a {@code true:} key counts as {@code
 * on:} too, so that the quirk never hides a trigger.
 */
final class WorkflowFileReader {

  private static final String DISPATCH = "workflow_dispatch";

  private final String path;

  private WorkflowFileReader(String path) {
    this.path = path;
  }

  static GitHubWorkflowFile read(String path, String text) throws WorkflowFileException {
    Node root;
    try {
      root = YamlDocuments.compose(text);
    } catch (YamlDocuments.YamlProblem e) {
      throw new WorkflowFileException(path, e.line(), e.column(), e.getMessage());
    }
    return new WorkflowFileReader(path).workflow(root);
  }

  private GitHubWorkflowFile workflow(Node root) throws WorkflowFileException {
    if (root == null || isNull(root)) {
      throw new WorkflowFileException(path, 0, 0, "the file is empty");
    }
    MappingNode top = mapping(root, "the workflow", "a mapping with 'on:' and 'jobs:'");
    Node on = null;
    String runName = null;
    for (NodeTuple tuple : top.getValue()) {
      String key = keyText(tuple);
      if (on == null && (key.equals("on") || key.equals("true"))) {
        on = tuple.getValueNode();
      } else if (key.equals("run-name")) {
        runName = scalar(tuple.getValueNode(), "run-name");
      }
    }
    List<String> triggers = new ArrayList<>();
    Node dispatch = null;
    boolean dispatchable = false;
    if (on instanceof MappingNode events) {
      for (NodeTuple tuple : events.getValue()) {
        String event = keyText(tuple);
        triggers.add(event);
        if (event.equals(DISPATCH)) {
          dispatchable = true;
          dispatch = tuple.getValueNode();
        }
      }
    } else if (on instanceof SequenceNode events) {
      for (Node event : events.getValue()) {
        triggers.add(scalar(event, "an event of 'on'"));
      }
      dispatchable = triggers.contains(DISPATCH);
    } else if (on != null && !isNull(on)) {
      triggers.add(scalar(on, "'on'"));
      dispatchable = triggers.contains(DISPATCH);
    }
    return new GitHubWorkflowFile(path, triggers, dispatchable, inputs(dispatch), runName);
  }

  private List<GitHubWorkflowFile.Input> inputs(Node dispatch) throws WorkflowFileException {
    List<GitHubWorkflowFile.Input> inputs = new ArrayList<>();
    if (dispatch == null || isNull(dispatch)) {
      return inputs;
    }
    MappingNode trigger = mapping(dispatch, DISPATCH, "a mapping (with 'inputs:') or nothing");
    Node declared = value(trigger, "inputs");
    if (declared == null || isNull(declared)) {
      return inputs;
    }
    MappingNode byName = mapping(declared, "workflow_dispatch.inputs", "a mapping of inputs");
    for (NodeTuple tuple : byName.getValue()) {
      String name = keyText(tuple);
      inputs.add(input(name, tuple.getValueNode()));
    }
    return inputs;
  }

  private GitHubWorkflowFile.Input input(String name, Node node) throws WorkflowFileException {
    if (isNull(node)) {
      return new GitHubWorkflowFile.Input(name, false, null, null, List.of());
    }
    String where = "input '" + name + "'";
    MappingNode fields = mapping(node, where, "a mapping (description, required, default, type)");
    Node required = value(fields, "required");
    Node defaultValue = value(fields, "default");
    Node type = value(fields, "type");
    Node options = value(fields, "options");
    List<String> allowed = new ArrayList<>();
    if (options instanceof SequenceNode list) {
      for (Node option : list.getValue()) {
        allowed.add(scalar(option, where + ": an option"));
      }
    } else if (options != null && !isNull(options)) {
      throw problem(options, where + ": 'options' must be a list, got " + describe(options));
    }
    return new GitHubWorkflowFile.Input(
        name,
        required != null && "true".equals(optionalScalar(required, where).toLowerCase(Locale.ROOT)),
        defaultValue == null || isNull(defaultValue) ? null : scalar(defaultValue, where),
        type == null || isNull(type) ? null : scalar(type, where + ": 'type'"),
        allowed);
  }

  private static Node value(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    return null;
  }

  private String keyText(NodeTuple tuple) throws WorkflowFileException {
    return scalar(tuple.getKeyNode(), "a key");
  }

  private MappingNode mapping(Node node, String what, String expected)
      throws WorkflowFileException {
    if (node instanceof MappingNode mapping) {
      return mapping;
    }
    throw problem(node, what + ": expected " + expected + ", got " + describe(node));
  }

  private String scalar(Node node, String what) throws WorkflowFileException {
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw problem(node, what + ": expected a string, got " + describe(node));
  }

  private String optionalScalar(Node node, String what) throws WorkflowFileException {
    return isNull(node) ? "" : scalar(node, what);
  }

  private WorkflowFileException problem(Node node, String message) {
    return new WorkflowFileException(
        path, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1, message);
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return node instanceof SequenceNode ? "a list" : isNull(node) ? "nothing" : "a string";
  }
}
