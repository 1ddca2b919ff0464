package io.imagefactory.reference;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The syntax of what the API accepts, after the distribution reference grammar and Kubernetes
 * naming rules. Each check returns why a value is refused, or nothing when it is fine.
 */
public final class ImageReferences {

  private static final String LABEL = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  // As in Docker: a registry is localhost, a dotted name, or any name with a port.
  private static final String DOMAIN =
      "(?:(?:localhost|"
          + LABEL
          + "(?:\\."
          + LABEL
          + ")+)(?::[0-9]{1,5})?|"
          + LABEL
          + ":[0-9]{1,5})";
  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPO_URL = Pattern.compile(DOMAIN + "(?:/" + PATH_COMPONENT + ")+");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?");

  private ImageReferences() {}

  public static Optional<String> checkRepoUrl(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("is required");
    }
    if (value.length() > 255 || !REPO_URL.matcher(value).matches()) {
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
    return DIGEST.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must be sha256: followed by 64 lower-case hex digits");
  }

  /** Optional Kubernetes object names (Warehouse, Freight). */
  public static Optional<String> checkObjectName(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return DNS_SUBDOMAIN.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must be a Kubernetes object name (lower-case DNS subdomain)");
  }

  /** Image names are file names and Kubernetes names: a DNS-1123 label. */
  public static Optional<String> checkImageName(String value) {
    return value != null && DNS_LABEL.matcher(value).matches()
        ? Optional.empty()
        : Optional.of("must be an image name: lower-case letters, digits and '-', at most 63");
  }
}
