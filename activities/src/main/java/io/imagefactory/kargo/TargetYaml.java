package io.imagefactory.kargo;

import java.util.List;

/**
 * Writes the Warehouse and the Stage of one target as text, the same bytes {@link KargoObjects}'
 * maps give through {@link ManifestYaml}, without building the maps: a render writes thousands of
 * these, and only their names, repository and subscription vary. A target with a value that does
 * not fit on one line is written through the maps.
 */
final class TargetYaml {

  private final KargoObjects objects;
  private final String namespace;
  private final String interval;
  private final String newestBuildInterval;
  private final boolean managedCacheByTag;
  private final String discoveryLimit;

  TargetYaml(KargoSettings settings, KargoObjects objects) {
    this.objects = objects;
    this.namespace = oneLine(settings.project());
    this.interval = oneLine(settings.warehouseInterval());
    this.newestBuildInterval = oneLine(settings.newestBuildInterval());
    this.managedCacheByTag = settings.managedCacheByTag();
    this.discoveryLimit = String.valueOf(settings.discoveryLimit());
  }

  /** Appends the Warehouse document, then the Stage document. */
  void append(StringBuilder out, WatchTarget target) {
    String name = YamlEmitter.scalar(target.objectName());
    String image = YamlEmitter.scalar(target.imageName());
    String kind = YamlEmitter.scalar(target.kind().label());
    String stateFile = YamlEmitter.scalar(target.stateFile());
    String repoURL = YamlEmitter.scalar(target.repoURL());
    String strategy = YamlEmitter.scalar(target.strategy());
    String constraint = target.constraint() == null ? "" : YamlEmitter.scalar(target.constraint());
    if (name == null
        || image == null
        || kind == null
        || stateFile == null
        || repoURL == null
        || strategy == null
        || constraint == null
        || !oneLine(target.allowTagsRegexes())
        || !oneLine(target.ignoreTagsRegexes())
        || objects.scans(target)) {
      ManifestYaml.document(out, objects.warehouse(target));
      ManifestYaml.document(out, objects.stage(target));
      return;
    }
    out.append("---\napiVersion: ").append(KargoObjects.API_VERSION).append("\nkind: Warehouse\n");
    metadata(out, name, image, kind, stateFile);
    boolean newestBuild = WatchTargets.NEWEST_BUILD.equals(target.strategy());
    out.append("spec:\n  interval: ").append(newestBuild ? newestBuildInterval : interval);
    out.append("\n  subscriptions:\n  - image:\n      repoURL: ").append(repoURL);
    out.append("\n      imageSelectionStrategy: ").append(strategy).append('\n');
    if (target.constraint() != null) {
      out.append("      constraint: ").append(constraint).append('\n');
    }
    regexes(out, "allowTagsRegexes", target.allowTagsRegexes());
    regexes(out, "ignoreTagsRegexes", target.ignoreTagsRegexes());
    if (target.kind() == WatchKind.MANAGED && managedCacheByTag) {
      out.append("      cacheByTag: true\n");
    }
    out.append("      discoveryLimit: ").append(discoveryLimit).append('\n');

    out.append("---\napiVersion: ").append(KargoObjects.API_VERSION).append("\nkind: Stage\n");
    metadata(out, name, image, kind, stateFile);
    out.append("spec:\n  requestedFreight:\n  - origin:\n      kind: Warehouse\n      name: ");
    out.append(name);
    out.append(
        "\n    sources:\n      direct: true\n  promotionTemplate:\n    spec:\n      steps:\n");
    out.append("      - task:\n          name: ").append(NotifyTask.NAME);
    out.append("\n        vars:\n        - name: ").append(NotifyTask.REPO_URL_VAR);
    out.append("\n          value: ").append(repoURL).append('\n');
  }

  private void metadata(
      StringBuilder out, String name, String image, String kind, String stateFile) {
    out.append("metadata:\n  name: ").append(name);
    out.append("\n  namespace: ").append(namespace);
    out.append("\n  labels:\n    ").append(KargoObjects.LABEL_MANAGED_BY).append(": ");
    out.append(KargoObjects.MANAGED_BY);
    out.append("\n    ").append(KargoObjects.LABEL_IMAGE).append(": ").append(image);
    out.append("\n    ").append(KargoObjects.LABEL_KIND).append(": ").append(kind);
    out.append("\n  annotations:\n    ").append(KargoObjects.ANNOTATION_STATE_FILE).append(": ");
    out.append(stateFile).append('\n');
  }

  private static void regexes(StringBuilder out, String key, List<String> regexes) {
    if (!regexes.isEmpty()) {
      out.append("      ").append(key).append(":\n");
      for (String regex : regexes) {
        out.append("      - ").append(YamlEmitter.scalar(regex)).append('\n');
      }
    }
  }

  private static boolean oneLine(List<String> values) {
    for (String value : values) {
      if (YamlEmitter.scalar(value) == null) {
        return false;
      }
    }
    return true;
  }

  private static String oneLine(String value) {
    String written = YamlEmitter.scalar(value);
    if (written == null) {
      throw new IllegalArgumentException("Kargo settings must be one-line values: " + value);
    }
    return written;
  }
}
