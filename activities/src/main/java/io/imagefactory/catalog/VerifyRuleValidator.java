package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.Quoted;
import io.imagefactory.catalog.yaml.YamlNodes;
import io.imagefactory.signature.PublicKeys;
import io.imagefactory.signature.VerifyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and checks the top-level {@code verify:} list: each rule names a repository glob and is
 * either key-based ({@code key}: a PEM public key file in the state repository) or keyless ({@code
 * identity} or {@code identityRegex}, with {@code issuer}), in mode {@code enforce} (the default)
 * or {@code warn}. Problems name the rule ({@code verify[2]}) and its field.
 */
final class VerifyRuleValidator {

  static final String FIELD = "verify";
  static final List<String> RULE_FIELDS =
      List.of("repository", "key", "identity", "identityRegex", "issuer", "mode");

  private static final Pattern GLOB = Pattern.compile("[a-z0-9._\\-/:*?]+");
  private static final int MAX_KEY_BYTES = 64 * 1024;
  private static final String SHAPE =
      "a list of rules such as {repository: \"docker.io/library/*\", key: keys/cosign.pub,"
          + " mode: enforce}";

  private VerifyRuleValidator() {}

  /**
   * The rules of {@code top}'s {@code verify:}, in file order; invalid ones are reported and left
   * out.
   *
   * @param files reads a file of the state repository; null where there is none to read (its key
   *     files are then not checked)
   */
  static List<VerifyRule> read(
      YamlFields top, CatalogErrors errors, Function<String, Optional<byte[]>> files) {
    Node node = top.node(FIELD);
    if (node == null || YamlNodes.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      top.error(FIELD, "expected " + SHAPE + ", got " + YamlNodes.describe(node));
      return List.of();
    }
    List<VerifyRule> rules = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String label = FIELD + "[" + (i + 1) + "]";
      if (!(item instanceof MappingNode mapping)) {
        errors.add(
            item.getStartMark(),
            null,
            label,
            "expected a mapping, got " + YamlNodes.describe(item));
        continue;
      }
      int before = errors.size();
      VerifyRule rule = rule(new YamlFields(mapping, null, label + ".", errors), files);
      if (errors.size() == before) {
        rules.add(rule);
      }
    }
    return rules;
  }

  private static VerifyRule rule(YamlFields fields, Function<String, Optional<byte[]>> files) {
    fields.rejectUnknown(RULE_FIELDS);
    String repository =
        fields.checked("repository", fields.requiredText("repository"), VerifyRuleValidator::glob);
    String key = fields.checked("key", fields.string("key"), VerifyRuleValidator::keyPath);
    String identity = fields.string("identity");
    String identityRegex =
        fields.checked("identityRegex", fields.string("identityRegex"), VerifyRuleValidator::regex);
    String issuer = fields.string("issuer");
    String mode = fields.string("mode");
    boolean keyless = fields.has("identity") || fields.has("identityRegex");
    if (fields.has("key") && keyless) {
      fields.error(
          "key",
          "cannot be combined with identity or identityRegex: a rule is either key-based or"
              + " keyless");
    } else if (fields.has("key") && fields.has("issuer")) {
      fields.error("issuer", "applies to keyless rules (identity or identityRegex) only");
    } else if (!fields.has("key") && !keyless) {
      fields.error(
          "key",
          "is required: give key (a public key file), or identity/identityRegex with issuer");
    }
    if (fields.has("identity") && fields.has("identityRegex")) {
      fields.error("identityRegex", "cannot be combined with identity: give one of them");
    }
    if (keyless && !fields.has("issuer")) {
      fields.missing("issuer");
    } else if (issuer != null && !issuer.startsWith("https://")) {
      fields.error("issuer", Quoted.of(issuer) + " is not an https:// OIDC issuer URL");
    }
    if (mode != null && !VerifyRule.ENFORCE.equals(mode) && !VerifyRule.WARN.equals(mode)) {
      fields.error("mode", Quoted.of(mode) + " is not a mode: use enforce or warn");
    }
    if (key != null && files != null) {
      keyFile(key, files).ifPresent(problem -> fields.error("key", problem));
    }
    return new VerifyRule(
        repository, key, identity, identityRegex, issuer, mode == null ? VerifyRule.ENFORCE : mode);
  }

  /** A glob over the normalised repository: a registry host first, then the path. */
  static Optional<String> glob(String glob) {
    if (!GLOB.matcher(glob).matches()) {
      return Optional.of(
          Quoted.of(glob)
              + " is not a repository glob: use lower-case letters, digits, '.', '_', '-', '/',"
              + " ':' and the wildcards *, ** and ?");
    }
    if (glob.contains("***") || glob.startsWith("/") || glob.endsWith("/") || glob.contains("//")) {
      return Optional.of(
          Quoted.of(glob) + " is not a repository glob: it has an empty path segment or ***");
    }
    String host = glob.split("/", -1)[0];
    boolean hostLike =
        host.contains(".") || host.contains(":") || host.equals("localhost") || host.contains("*");
    if (!hostLike || !glob.contains("/") && !glob.equals("**")) {
      return Optional.of(
          Quoted.of(glob)
              + " does not start with a registry: write the normalised repository, such as"
              + " docker.io/library/* for Docker Hub's official images");
    }
    return Optional.empty();
  }

  private static Optional<String> keyPath(String path) {
    if (path.startsWith("/") || path.contains("\\") || List.of(path.split("/")).contains("..")) {
      return Optional.of(
          Quoted.of(path)
              + " is not a path in the state repository: write it relative to"
              + " images.yaml, without '..'");
    }
    return Optional.empty();
  }

  private static Optional<String> keyFile(String path, Function<String, Optional<byte[]>> files) {
    Optional<byte[]> content = files.apply(path);
    if (content.isEmpty()) {
      return Optional.of(
          "cannot read " + Quoted.of(path) + ": no such file in the state repository");
    }
    if (content.get().length > MAX_KEY_BYTES) {
      return Optional.of("cannot read " + Quoted.of(path) + ": larger than a public key can be");
    }
    try {
      PublicKeys.parse(content.get());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("cannot read " + Quoted.of(path) + ": it " + e.getMessage());
    }
  }

  private static Optional<String> regex(String regex) {
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(Quoted.of(regex) + " is not a regular expression: " + e.getDescription());
    }
  }
}
