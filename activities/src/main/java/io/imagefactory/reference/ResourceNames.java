package io.imagefactory.reference;

import io.imagefactory.catalog.yaml.Quoted;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for image and base-image names. A name becomes a file name ({@code images/<name>.yaml}) and
 * a Kubernetes resource name: an image name is a DNS-1123 label; a base-image name may also hold
 * single dots, as the seeds' {@code python-3.12-slim} does.
 */
public final class ResourceNames {

  /** DNS-1123 labels are at most 63 characters. */
  public static final int MAX_LENGTH = 63;

  private static final Pattern BASE_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private ResourceNames() {}

  /** True when {@code name} is a valid image name. */
  public static boolean isValid(String name) {
    return name != null && problem(name).isEmpty();
  }

  /** True when {@code name} is a valid base-image name. */
  public static boolean isValidBaseName(String name) {
    return name != null
        && name.length() <= MAX_LENGTH
        && !name.contains("..")
        && BASE_NAME.matcher(name).matches();
  }

  /** What is wrong with {@code name}, quoting it, or empty when it is valid. */
  public static Optional<String> problem(String name) {
    String quoted = Quoted.of(name);
    if (name.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (Quoted.hasControlCharacter(name)) {
      return Optional.of(quoted + " contains a control character");
    }
    if (name.contains("/") || name.contains("..") || name.contains("\\")) {
      return Optional.of(
          quoted + " must not contain '/', '\\' or '..' (it names the file images/<name>.yaml)");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(quoted + " is longer than " + MAX_LENGTH + " characters");
    }
    if (!name.equals(name.toLowerCase(Locale.ROOT))) {
      return Optional.of(quoted + " must be lower case");
    }
    if (!KubernetesNames.isDnsLabel(name)) {
      return Optional.of(
          quoted
              + " is not a valid name: use lower-case letters, digits and '-', starting and"
              + " ending with a letter or digit (a DNS-1123 label)");
    }
    return Optional.empty();
  }
}
