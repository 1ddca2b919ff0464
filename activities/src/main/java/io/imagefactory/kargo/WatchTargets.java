package io.imagefactory.kargo;

import io.imagefactory.catalog.ExactTag;
import io.imagefactory.catalog.TagFilter;
import io.imagefactory.dockerfile.BaseImageNames;
import io.imagefactory.reference.ImageReferences;
import io.imagefactory.reference.KubernetesNames;
import io.imagefactory.statefiles.BaseImageState;
import io.imagefactory.statefiles.Enrollment;
import io.imagefactory.statefiles.ExternalImageState;
import io.imagefactory.statefiles.ImageState;
import io.imagefactory.statefiles.ManagedImageState;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what the Warehouse of each state file subscribes to, and rejects what it cannot watch.
 */
final class WatchTargets {

  /**
   * Tags cosign and OCI referrer fallbacks push next to an image ({@code sha256-<hex>.sig}): they
   * are not builds, and they would win a Lexical or NewestBuild selection.
   */
  static final String SIGNATURE_TAGS = "^sha256-[0-9a-f]{64}(\\.(sig|att|sbom))?$";

  static final String DIGEST = "Digest";
  static final String NEWEST_BUILD = "NewestBuild";
  static final String SEMVER = "SemVer";

  private static final Map<String, String> STRATEGIES =
      Map.of(
          "digest", DIGEST,
          "lexical", "Lexical",
          "newestbuild", NEWEST_BUILD,
          "semver", SEMVER);

  private WatchTargets() {}

  /**
   * The target of a base image, or empty when there is nothing to watch: a digest-only reference
   * never changes, and a base no image depends on any more is no longer watched.
   */
  static Optional<WatchTarget> forBase(BaseImageState base) {
    String file = WatchKind.BASE.stateFile(String.valueOf(base.name()));
    String entry = "base image '" + base.name() + "'";
    requireName(base.name(), file, entry);
    if (base.tag() == null || base.dependentImages() == null || base.dependentImages().isEmpty()) {
      return Optional.empty();
    }
    if (!KubernetesNames.matches(ImageReferences.TAG, base.tag())) {
      throw new StateProblem(file, entry, "tag", "'" + base.tag() + "' is not a valid image tag");
    }
    String repoURL = repoURL(base.repoURL(), base.registry(), base.repository(), file, entry);
    // A tag named in a Dockerfile is mutable in practice: follow its digest.
    return Optional.of(
        target(WatchKind.BASE, base.name(), repoURL, DIGEST, base.tag(), List.of(), List.of()));
  }

  /** The target of an enrolled image: its own builds (managed) or its releases (external). */
  static WatchTarget forImage(ImageState image) {
    if (image instanceof ExternalImageState external) {
      return forExternal(external);
    }
    return forManaged((ManagedImageState) image);
  }

  private static WatchTarget forManaged(ManagedImageState image) {
    String repoURL = imageRepoURL(WatchKind.MANAGED, image, null);
    // Builds are tagged however each CI likes (sha, semver, branch): NewestBuild sees every one.
    return target(
        WatchKind.MANAGED,
        image.name(),
        repoURL,
        NEWEST_BUILD,
        null,
        List.of(),
        List.of(SIGNATURE_TAGS));
  }

  private static WatchTarget forExternal(ExternalImageState image) {
    String repoURL = imageRepoURL(WatchKind.EXTERNAL, image, image.repoURL());
    String file = WatchKind.EXTERNAL.stateFile(image.name());
    String entry = imageEntry(image);
    String strategy = strategy(image.imageSelectionStrategy(), file, entry);
    String allowTags = blankToNull(image.allowTags());
    if (allowTags != null) {
      requireRegex(allowTags, file, entry);
    }
    if (DIGEST.equals(strategy)) {
      return target(
          WatchKind.EXTERNAL,
          image.name(),
          repoURL,
          DIGEST,
          exactTag(allowTags, file, entry),
          List.of(),
          List.of());
    }
    List<String> allow = allowTags == null ? List.of() : List.of(allowTags);
    List<String> ignore = SEMVER.equals(strategy) ? List.of() : List.of(SIGNATURE_TAGS);
    return target(WatchKind.EXTERNAL, image.name(), repoURL, strategy, null, allow, ignore);
  }

  /**
   * The repository an enrolled image's Warehouse subscribes to: {@code repoURL} when given, else
   * from its enrollment; its name is checked first.
   */
  private static String imageRepoURL(WatchKind kind, ImageState image, String repoURL) {
    String file = kind.stateFile(String.valueOf(image.name()));
    String entry = imageEntry(image);
    requireName(image.name(), file, entry);
    Enrollment enrollment = image.enrollment();
    return repoURL(
        repoURL,
        enrollment == null ? null : enrollment.registry(),
        enrollment == null ? null : enrollment.repository(),
        file,
        entry);
  }

  private static String imageEntry(ImageState image) {
    return "image '" + image.name() + "'";
  }

  private static WatchTarget target(
      WatchKind kind,
      String name,
      String repoURL,
      String strategy,
      String constraint,
      List<String> allow,
      List<String> ignore) {
    return new WatchTarget(
        kind, name, objectName(kind, name), repoURL, strategy, constraint, allow, ignore);
  }

  /**
   * {@code <prefix><name>} with dots as dashes (base names such as {@code python-3.12-slim} keep
   * their dots in state files and labels; Stage names must not have them), shortened with a hash
   * suffix when it would exceed 63 characters.
   */
  static String objectName(WatchKind kind, String name) {
    String candidate = kind.namePrefix() + name.replace('.', '-');
    return candidate.length() <= BaseImageNames.MAX_LENGTH
        ? candidate
        : BaseImageNames.withHashSuffix(candidate, kind.label() + "/" + name);
  }

  private static void requireName(String name, String file, String entry) {
    if (name == null
        || name.length() > BaseImageNames.MAX_LENGTH
        || !KubernetesNames.matches(KubernetesNames.DNS_SUBDOMAIN, name)) {
      throw new StateProblem(
          file,
          entry,
          "name",
          "must be lower-case letters, digits, '-' and '.', starting and ending alphanumeric,"
              + " at most 63");
    }
  }

  private static String repoURL(
      String repoURL, String registry, String repository, String file, String entry) {
    String url = blankToNull(repoURL);
    if (url == null && blankToNull(registry) != null && blankToNull(repository) != null) {
      url = registry + "/" + repository;
    }
    if (url == null) {
      throw new StateProblem(file, entry, "repoURL", "missing (and no registry and repository)");
    }
    if (!KubernetesNames.matches(KubernetesNames.REPO_URL, url)) {
      throw new StateProblem(
          file, entry, "repoURL", "'" + url + "' is not an image repository without tag");
    }
    return url;
  }

  private static String strategy(String configured, String file, String entry) {
    if (blankToNull(configured) == null) {
      return SEMVER;
    }
    String strategy = STRATEGIES.get(configured.toLowerCase(Locale.ROOT));
    if (strategy == null) {
      throw new StateProblem(
          file,
          entry,
          "imageSelectionStrategy",
          "'" + configured + "' is not one of Digest, Lexical, NewestBuild, SemVer");
    }
    return strategy;
  }

  private static void requireRegex(String regex, String file, String entry) {
    TagFilter.problem(regex)
        .ifPresent(
            reason -> {
              throw new StateProblem(file, entry, "allowTags", reason);
            });
  }

  private static String exactTag(String allowTags, String file, String entry) {
    return ExactTag.of(allowTags)
        .orElseThrow(() -> new StateProblem(file, entry, "allowTags", ExactTag.EXPECTED));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
