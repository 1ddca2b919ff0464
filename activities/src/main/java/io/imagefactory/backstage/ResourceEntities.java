package io.imagefactory.backstage;

import io.imagefactory.catalog.EntityRefRules;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import io.imagefactory.statefiles.SourceConfig;
import io.imagefactory.statefiles.StateFileStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Backstage {@code Resource} entity of one state file, from that file alone: its name,
 * owner and system, {@code dependsOn} its bases, and annotations and links to the registry, the
 * source, the build workflow, the state file and the last rebuild. Fields that change with every
 * digest (current digests, candidates) are left out, so a new base digest does not rewrite the
 * catalog.
 */
final class ResourceEntities {

  static final String API_VERSION = "backstage.io/v1alpha1";
  static final String KIND = "Resource";
  static final String TYPE = "container-image";

  private final BackstageSettings settings;
  private final SourceLinks stateRepository;

  ResourceEntities(BackstageSettings settings) {
    this.settings = settings;
    this.stateRepository = SourceLinks.stateRepository(settings);
  }

  /** The entity of an enrolled image; throws {@link EntityProblem} when it cannot be one. */
  Map<String, Object> of(ImageState image) {
    String stateFile = StateFileStore.imagePath(image.name());
    Enrollment enrollment =
        image.enrollment() != null
            ? image.enrollment()
            : new Enrollment(null, null, null, null, null);
    String repoUrl = repoUrl(image, enrollment);
    if (repoUrl == null) {
      throw new EntityProblem(stateFile, image.name(), "enrollment", "has no registry/repository");
    }
    boolean managed = image instanceof ManagedImageState;
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Annotations.IMAGE, repoUrl);
    annotations.put(Annotations.KIND, managed ? "managed" : "external");
    annotations.put(Annotations.STATE_FILE, stateFile);
    putIfSet(annotations, Annotations.REBUILD_DELAY, enrollment.rebuildDelay());
    if (enrollment.autoRebuild() != null) {
      annotations.put(Annotations.AUTO_REBUILD, enrollment.autoRebuild().toString());
    }
    List<Map<String, Object>> links = new ArrayList<>();
    List<String> dependsOn = List.of();
    String description;
    if (image instanceof ManagedImageState state) {
      SourceConfig source = enrollment.source();
      if (source != null) {
        addSource(annotations, links, source);
      }
      dependsOn = refs(state.baseImages());
      new LastRebuild(state.rebuildState()).addTo(annotations, links);
      description =
          "Container image "
              + repoUrl
              + ", built from its Dockerfile and rebuilt by"
              + " Image Factory when its base images change";
    } else {
      ExternalImageState state = (ExternalImageState) image;
      putIfSet(annotations, Annotations.ALLOW_TAGS, state.allowTags());
      putIfSet(annotations, Annotations.SELECTION, state.imageSelectionStrategy());
      description = "Third-party container image " + repoUrl + ", tracked by Image Factory";
    }
    addStateFile(links, stateFile);
    int slash = repoUrl.indexOf('/');
    RegistryPages.of(repoUrl.substring(0, slash), repoUrl.substring(slash + 1))
        .ifPresent(url -> links.add(link(url, "Registry")));
    String owner = enrollment.owner() == null ? settings.defaultOwner() : enrollment.owner();
    String system = enrollment.system() == null ? settings.defaultSystem() : enrollment.system();
    checkRef(stateFile, image.name(), "enrollment.owner", EntityRefRules.owner(owner));
    if (system != null) {
      checkRef(stateFile, image.name(), "enrollment.system", EntityRefRules.system(system));
    }
    String kind = managed ? "managed" : "external";
    return entity(
        image.name(),
        stateFile,
        repoUrl,
        description,
        annotations,
        links,
        kind,
        owner,
        system,
        dependsOn);
  }

  /** The entity of a base image, owned by the default owner. */
  Map<String, Object> of(BaseImageState base) {
    String stateFile = StateFileStore.baseImagePath(base.name());
    String repoUrl =
        base.registry() != null && base.repository() != null
            ? base.registry() + "/" + base.repository()
            : base.repoURL();
    if (repoUrl == null) {
      throw new EntityProblem(stateFile, base.name(), "repoURL", "has no registry/repository");
    }
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(Annotations.IMAGE, repoUrl);
    annotations.put(Annotations.KIND, "base");
    annotations.put(Annotations.STATE_FILE, stateFile);
    putIfSet(annotations, Annotations.TAG, base.tag());
    putIfSet(annotations, Annotations.DIGEST, base.digest());
    List<Map<String, Object>> links = new ArrayList<>();
    addStateFile(links, stateFile);
    if (base.registry() != null && base.repository() != null) {
      RegistryPages.of(base.registry(), base.repository())
          .ifPresent(url -> links.add(link(url, "Registry")));
    }
    String shown = base.fullImage() != null ? base.fullImage() : repoUrl;
    String description =
        "Base image "
            + shown
            + ", found in Dockerfiles and watched by Image"
            + " Factory for new digests";
    return entity(
        base.name(),
        stateFile,
        shown,
        description,
        annotations,
        links,
        "base",
        settings.defaultOwner(),
        settings.defaultSystem(),
        List.of());
  }

  private Map<String, Object> entity(
      String name,
      String stateFile,
      String title,
      String description,
      Map<String, String> annotations,
      List<Map<String, Object>> links,
      String kindTag,
      String owner,
      String system,
      List<String> dependsOn) {
    if (!EntityRefRules.isValidName(name)) {
      throw new EntityProblem(stateFile, name, "name", "is not a valid Backstage entity name");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    metadata.put("namespace", settings.namespace());
    metadata.put("title", title);
    metadata.put("description", description);
    metadata.put("annotations", new LinkedHashMap<String, Object>(annotations));
    metadata.put("tags", List.of(TYPE, kindTag));
    if (!links.isEmpty()) {
      metadata.put("links", links);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", TYPE);
    spec.put("owner", owner);
    if (system != null) {
      spec.put("system", system);
    }
    if (!dependsOn.isEmpty()) {
      spec.put("dependsOn", dependsOn);
    }
    Map<String, Object> entity = new LinkedHashMap<>();
    entity.put("apiVersion", API_VERSION);
    entity.put("kind", KIND);
    entity.put("metadata", metadata);
    entity.put("spec", spec);
    return entity;
  }

  /** {@code registry/repository} from the enrollment, or an external image's own repoURL. */
  private static String repoUrl(ImageState image, Enrollment enrollment) {
    if (enrollment.registry() != null && enrollment.repository() != null) {
      return enrollment.registry() + "/" + enrollment.repository();
    }
    String repoUrl = image instanceof ExternalImageState external ? external.repoURL() : null;
    return repoUrl == null || repoUrl.indexOf('/') <= 0 ? null : repoUrl;
  }

  private void addSource(
      Map<String, String> annotations, List<Map<String, Object>> links, SourceConfig source) {
    putIfSet(
        annotations,
        Annotations.SOURCE_REPOSITORY,
        source.inStateRepo() ? settings.stateRepoUrl() : source.repo());
    putIfSet(annotations, Annotations.DOCKERFILE, source.dockerfile());
    putIfSet(annotations, Annotations.BUILD_WORKFLOW, source.workflow());
    SourceLinks web = SourceLinks.of(source, settings);
    if (web == null) {
      return;
    }
    annotations.put(Annotations.SOURCE_LOCATION, web.sourceLocation(source.dockerfile()));
    if (web.slug() != null) {
      annotations.put(web.gitlab() ? Annotations.GITLAB_SLUG : Annotations.GITHUB_SLUG, web.slug());
    }
    links.add(link(web.repository(), "Source repository"));
    if (source.dockerfile() != null) {
      links.add(link(web.file(source.dockerfile().replaceAll("^/+", "")), "Dockerfile"));
    }
    String workflow = web.workflow(source.workflow());
    if (workflow != null) {
      links.add(link(workflow, "Build workflow"));
    }
  }

  private void addStateFile(List<Map<String, Object>> links, String stateFile) {
    if (stateRepository != null) {
      links.add(link(stateRepository.file(stateFile), "State file"));
    }
  }

  /** {@code resource:<namespace>/<base>} per base, sorted, skipping names no entity can have. */
  private List<String> refs(List<String> bases) {
    TreeSet<String> names = new TreeSet<>();
    for (String base : bases) {
      if (EntityRefRules.isValidName(base)) {
        names.add(base);
      }
    }
    return names.stream().map(settings::resourceRef).toList();
  }

  static Map<String, Object> link(String url, String title) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("url", url);
    link.put("title", title);
    return link;
  }

  private static void checkRef(String file, String entry, String field, Optional<String> problem) {
    problem.ifPresent(
        p -> {
          throw new EntityProblem(file, entry, field, p);
        });
  }

  private static void putIfSet(Map<String, String> annotations, String key, String value) {
    if (value != null && !value.isEmpty()) {
      annotations.put(key, value);
    }
  }
}
