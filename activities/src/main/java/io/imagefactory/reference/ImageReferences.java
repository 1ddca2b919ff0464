package io.imagefactory.reference;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of the parts of an image reference, after the distribution reference grammar and
 * Kubernetes naming rules: the one place that spells the tag, digest and path-component grammar,
 * and the checks the worker's API applies to what Kargo posts. Each check returns why a value is
 * refused, or nothing when it is fine.
 */
public final class ImageReferences {

  /** One component of a repository path: lower-case letters and digits joined by separators. */
  public static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";

  /** An image tag (OCI distribution spec): at most 128 characters, not starting with . or -. */
  public static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");

  /** The digest Kargo reports and the API accepts. */
  public static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  /** Docker caps a full image name (registry plus repository) at 255 characters. */
  public static final int MAX_NAME_LENGTH = 255;

  private ImageReferences() {}

  /**
   * {@code registry/repository}, as a Kargo image subscription names it: the registry is required.
   */
  public static Optional<String> checkRepoUrl(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    int slash = value.indexOf('/');
    if (value.length() > MAX_NAME_LENGTH
        || slash < 0
        || ImageReferenceRules.registry(value.substring(0, slash)).isPresent()
        || ImageReferenceRules.repository(value.substring(slash + 1), value.substring(0, slash))
            .isPresent()) {
      return Optional.of(
          "must be registry/repository, such as docker.io/library/node (no scheme, tag or digest)");
    }
    return Optional.empty();
  }

  public static Optional<String> checkTag(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    return TAG.matcher(value).matches()
        ? Optional.empty()
        : Optional.of(
            "must be a tag: letters, digits, '_', '.' and '-', at most 128, not starting with '.'"
                + " or '-'");
  }

  public static Optional<String> checkDigest(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    return SHA256_DIGEST.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must be sha256: followed by 64 lower-case hex digits");
  }

  /** Optional Kubernetes object names (Warehouse, Freight). */
  public static Optional<String> checkObjectName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return KubernetesNames.matches(KubernetesNames.DNS_SUBDOMAIN, value)
        ? Optional.empty()
        : Optional.of("must be a Kubernetes object name (lower-case DNS subdomain)");
  }

  /** Image names are file names and Kubernetes names: a DNS-1123 label. */
  public static Optional<String> checkImageName(String value) {
    return ResourceNames.isValid(value)
        ? Optional.empty()
        : Optional.of("must be an image name: lower-case letters, digits and '-', at most 63");
  }
}
