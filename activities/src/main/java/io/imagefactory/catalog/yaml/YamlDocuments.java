package io.imagefactory.catalog.yaml;

import io.imagefactory.HumanText;
import java.io.StringReader;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a hand-written YAML document into SnakeYAML nodes (which carry line and column) under
 * limits: size, nesting depth, number of aliases, and the number of values the aliases expand to,
 * so that an alias bomb is an error rather than an out-of-memory. Jackson's YAML parser is not used
 * here because it reports an alias as the anchor's name instead of the anchored value. Every
 * hand-written YAML file Image Factory reads (images.yaml, GitHub workflow files) goes through
 * here.
 */
public final class YamlDocuments {

  static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
  static final int MAX_DEPTH = 32;
  public static final int MAX_ALIASES = 200;
  static final int MAX_EXPANDED_VALUES = 1_000_000;

  /** A document that could not be composed, with the position of the problem when known. */
  public static final class YamlProblem extends Exception {
    private final transient Mark mark;

    YamlProblem(String message, Mark mark) {
      super(message);
      this.mark = mark;
    }

    /** The 1-based line of the problem, 0 when unknown. */
    public int line() {
      return mark == null ? 0 : mark.getLine() + 1;
    }

    /** The 1-based column of the problem, 0 when unknown. */
    public int column() {
      return mark == null ? 0 : mark.getColumn() + 1;
    }
  }

  private YamlDocuments() {}

  /** The root node of the single document in {@code text}, or null for an empty document. */
  public static Node compose(String text) throws YamlProblem {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowDuplicateKeys(false);
    DumperOptions dumper = new DumperOptions();
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options), new Representer(dumper), dumper, options, new Resolver());
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      throw new YamlProblem(printable(syntaxMessage(e)), e.getProblemMark());
    } catch (YAMLException e) {
      throw new YamlProblem(printable(limitMessage(e.getMessage())), null);
    }
    if (root != null) {
      new AliasExpansion().count(root);
    }
    return root;
  }

  /** SnakeYAML quotes the character it stumbled on as it is: a CR, a BOM, an escape. */
  private static String printable(String message) {
    return HumanText.printable(message, 500);
  }

  public static String syntaxMessage(MarkedYAMLException e) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (e.getContext() != null && problem.startsWith("but ")) {
      problem = e.getContext() + ", " + problem;
    } else if (e.getContext() != null && e.getContextMark() != null) {
      problem +=
          " ("
              + e.getContext()
              + " at line "
              + (e.getContextMark().getLine() + 1)
              + ", column "
              + (e.getContextMark().getColumn() + 1)
              + ")";
    } else if (e.getContext() != null) {
      problem = e.getContext() + ": " + problem;
    }
    return "invalid YAML: " + problem;
  }

  private static String limitMessage(String snakeYamlMessage) {
    String message = snakeYamlMessage == null ? "" : snakeYamlMessage;
    if (message.startsWith("Number of aliases")) {
      return "more than "
          + MAX_ALIASES
          + " aliases of mappings or sequences (a guard against alias bombs)";
    }
    if (message.startsWith("Nesting Depth")) {
      return "nested deeper than " + MAX_DEPTH + " levels";
    }
    if (message.contains("exceeds the limit")) {
      return "longer than " + MAX_CODE_POINTS + " characters";
    }
    return "invalid YAML: " + message;
  }
}
