package io.imagefactory.kargo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Kargo objects as ordered maps: key order here is the key order in the file, so the
 * output is stable and reads top-down (apiVersion, kind, metadata, spec).
 */
final class KargoObjects {

  static final String API_VERSION = "kargo.akuity.io/v1alpha1";
  static final String LABEL_MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String MANAGED_BY = "image-factory";
  static final String LABEL_IMAGE = "image-factory.io/image";
  static final String LABEL_KIND = "image-factory.io/kind";
  static final String ANNOTATION_STATE_FILE = "image-factory.io/state-file";
  static final String ANNOTATION_SYNC_WAVE = "argocd.argoproj.io/sync-wave";

  private final KargoSettings settings;

  KargoObjects(KargoSettings settings) {
    this.settings = settings;
  }

  /** The Project; Argo CD creates it first, so that Kargo creates (or adopts) its namespace. */
  Map<String, Object> project() {
    Map<String, Object> metadata =
        ordered(
            "name", settings.project(),
            "labels", ordered(LABEL_MANAGED_BY, MANAGED_BY),
            "annotations", ordered(ANNOTATION_SYNC_WAVE, "-1"));
    return ordered("apiVersion", API_VERSION, "kind", "Project", "metadata", metadata);
  }

  /**
   * Auto-promotion for every Stage rendered here (each promotion is one webhook call), and the
   * receivers of registry push events, which refresh the Warehouses of the pushed repository.
   */
  Map<String, Object> projectConfig() {
    Map<String, Object> policy =
        ordered(
            "stageSelector",
            ordered("matchLabels", ordered(LABEL_MANAGED_BY, MANAGED_BY)),
            "autoPromotionEnabled",
            true);
    Map<String, Object> spec = ordered("promotionPolicies", List.of(policy));
    if (!settings.webhookReceivers().isEmpty()) {
      List<Map<String, Object>> receivers = new ArrayList<>();
      settings
          .webhookReceivers()
          .forEach(
              (kind, secret) ->
                  receivers.add(
                      ordered("name", kind, kind, ordered("secretRef", ordered("name", secret)))));
      spec.put("webhookReceivers", receivers);
    }
    return ordered(
        "apiVersion",
        API_VERSION,
        "kind",
        "ProjectConfig",
        "metadata",
        namespaced(settings.project(), ordered(LABEL_MANAGED_BY, MANAGED_BY), null),
        "spec",
        spec);
  }

  Map<String, Object> warehouse(WatchTarget target) {
    Map<String, Object> image = ordered("repoURL", target.repoURL());
    image.put("imageSelectionStrategy", target.strategy());
    if (target.constraint() != null) {
      image.put("constraint", target.constraint());
    }
    if (!target.allowTagsRegexes().isEmpty()) {
      image.put("allowTagsRegexes", target.allowTagsRegexes());
    }
    if (!target.ignoreTagsRegexes().isEmpty()) {
      image.put("ignoreTagsRegexes", target.ignoreTagsRegexes());
    }
    if (target.kind() == WatchKind.MANAGED && settings.managedCacheByTag()) {
      image.put("cacheByTag", true);
    }
    image.put("discoveryLimit", settings.discoveryLimit());
    Map<String, Object> spec =
        ordered(
            "interval",
            WatchTargets.NEWEST_BUILD.equals(target.strategy())
                ? settings.newestBuildInterval()
                : settings.warehouseInterval(),
            "subscriptions",
            List.of(ordered("image", image)));
    return ordered(
        "apiVersion", API_VERSION, "kind", "Warehouse", "metadata", metadata(target), "spec", spec);
  }

  /** The Stage that takes Freight straight from its Warehouse and reports it to the worker. */
  Map<String, Object> stage(WatchTarget target) {
    Map<String, Object> freight =
        ordered(
            "origin", ordered("kind", "Warehouse", "name", target.objectName()),
            "sources", ordered("direct", true));
    Map<String, Object> step =
        ordered(
            "task", ordered("name", NotifyTask.NAME),
            "vars", List.of(ordered("name", NotifyTask.REPO_URL_VAR, "value", target.repoURL())));
    Map<String, Object> spec =
        ordered(
            "requestedFreight", List.of(freight),
            "promotionTemplate", ordered("spec", ordered("steps", List.of(step))));
    if (scans(target)) {
      spec.put("verification", ScanTask.verification(target));
    }
    return ordered(
        "apiVersion", API_VERSION, "kind", "Stage", "metadata", metadata(target), "spec", spec);
  }

  /** True when the target's Stage verifies its Freight with a Trivy scan. */
  boolean scans(WatchTarget target) {
    return settings.scanVerification() != null && target.kind() != WatchKind.MANAGED;
  }

  private Map<String, Object> metadata(WatchTarget target) {
    Map<String, Object> labels =
        ordered(
            LABEL_MANAGED_BY, MANAGED_BY,
            LABEL_IMAGE, target.imageName(),
            LABEL_KIND, target.kind().label());
    return namespaced(
        target.objectName(), labels, ordered(ANNOTATION_STATE_FILE, target.stateFile()));
  }

  Map<String, Object> namespaced(
      String name, Map<String, Object> labels, Map<String, Object> annotations) {
    Map<String, Object> metadata =
        ordered("name", name, "namespace", settings.project(), "labels", labels);
    if (annotations != null) {
      metadata.put("annotations", annotations);
    }
    return metadata;
  }

  /** A map that keeps the order its keys are given in: {@code ordered("k1", v1, "k2", v2)}. */
  static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /**
   * The objects every file starts with: the Project, its ProjectConfig, the shared task, and the
   * scan's AnalysisTemplate when the cluster scans.
   */
  List<Map<String, Object>> project(NotifyTask task) {
    if (settings.scanVerification() != null) {
      return List.of(
          project(),
          projectConfig(),
          task.promotionTask(this),
          new ScanTask(settings).analysisTemplate(this));
    }
    return List.of(project(), projectConfig(), task.promotionTask(this));
  }

  /** All objects of a plan in file order: project objects, then Warehouse/Stage pairs by name. */
  List<Map<String, Object>> all(WatchPlan plan, NotifyTask task) {
    List<Map<String, Object>> objects = new ArrayList<>(3 + 2 * plan.targets().size());
    objects.addAll(project(task));
    for (WatchTarget target : plan.targets()) {
      objects.add(warehouse(target));
      objects.add(stage(target));
    }
    return objects;
  }
}
