package io.imagefactory.catalog;

import io.imagefactory.catalog.yaml.YamlNodes;
import io.imagefactory.statefiles.SourceConfig;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and checks the {@code source} block of a managed image's entry. */
final class SourceValidator {

  static final List<String> SOURCE_FIELDS =
      List.of(
          "provider", "repo", "branch", "dockerfile", "workflow", "buildArgs", "workflowInputs");

  private static final Pattern BUILD_ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern WORKFLOW_INPUT = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private SourceValidator() {}

  /** The entry's source, or null for an external image (or an invalid block, reported). */
  static SourceConfig read(YamlFields entry) {
    YamlFields source = entry.mapping("source");
    if (source == null) {
      if (entry.has("source") && YamlNodes.isNull(entry.node("source"))) {
        entry.error("source", "is empty: a managed image needs at least source.dockerfile");
      }
      return null;
    }
    source.rejectUnknown(SOURCE_FIELDS);
    String provider = source.checked("provider", source.string("provider"), SourceRules::provider);
    String repo = source.checked("repo", source.string("repo"), SourceRules::repo);
    String branch = source.checked("branch", source.string("branch"), SourceRules::branch);
    String dockerfile =
        source.checked("dockerfile", source.requiredString("dockerfile"), SourceRules::dockerfile);
    String workflow = source.checked("workflow", source.string("workflow"), SourceRules::workflow);
    var buildArgs =
        source.stringMap(
            "buildArgs", key -> keyRule(key, BUILD_ARG, "a build arg (letters, digits and '_')"));
    var inputs =
        source.stringMap(
            "workflowInputs",
            key -> keyRule(key, WORKFLOW_INPUT, "a workflow input (letters, digits, '_' and '-')"));
    return new SourceConfig(provider, repo, branch, dockerfile, workflow, buildArgs, inputs);
  }

  private static Optional<String> keyRule(String key, Pattern pattern, String what) {
    return pattern.matcher(key).matches()
        ? Optional.empty()
        : Optional.of("is not a valid name for " + what);
  }
}
