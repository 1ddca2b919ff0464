package io.imagefactory.reference;

import io.imagefactory.catalog.yaml.Quoted;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rules for the registry host and the repository path of an image, as an {@code images.yaml} entry
 * writes them and as a Kargo image event names them. Each returns what is wrong, quoting the value,
 * or empty.
 */
public final class ImageReferenceRules {

  private static final Pattern PATH_COMPONENT = Pattern.compile(ImageReferences.PATH_COMPONENT);
  private static final int MAX_NAME_LENGTH = ImageReferences.MAX_NAME_LENGTH;

  private ImageReferenceRules() {}

  /** What is wrong with a registry host (and optional port), or empty. */
  public static Optional<String> registry(String registry) {
    String quoted = Quoted.of(registry);
    if (registry
        .codePoints()
        .anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return Optional.of(quoted + " must not contain spaces, line breaks or control characters");
    }
    if (!registry.equals(registry.toLowerCase(Locale.ROOT))) {
      return Optional.of(quoted + " must be lower case");
    }
    String host = registry;
    int colon = registry.lastIndexOf(':');
    if (colon >= 0) {
      String port = registry.substring(colon + 1);
      host = registry.substring(0, colon);
      if (!port.matches("[0-9]{1,5}")
          || Integer.parseInt(port) == 0
          || Integer.parseInt(port) > 65535) {
        return notAHost(quoted);
      }
    }
    for (String label : host.split("\\.", -1)) {
      if (!KubernetesNames.isDnsLabel(label)) {
        return notAHost(quoted);
      }
    }
    // Docker's own rule: a first path part without a dot or a port, other than localhost, is a
    // Docker Hub namespace, not a registry, so `registry: 42` or `registry: ghcr` is a mistake.
    if (!host.contains(".") && colon < 0 && !host.equals("localhost")) {
      return Optional.of(
          quoted
              + " is not a registry host: write it with its domain (ghcr.io, docker.io,"
              + " registry.example.com:5000) or localhost");
    }
    return Optional.empty();
  }

  /** What is wrong with a repository path on {@code registry} (null when unknown), or empty. */
  public static Optional<String> repository(String repository, String registry) {
    String quoted = Quoted.of(repository);
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      return Optional.of(quoted + " must be lower case");
    }
    if (repository.contains(":") || repository.contains("@")) {
      return Optional.of(
          quoted
              + " must not contain a tag or digest (external images select tags with allowTags)");
    }
    if (registry != null && repository.startsWith(registry + "/")) {
      return Optional.of(
          quoted
              + " starts with the registry; write "
              + Quoted.printable(repository.substring(registry.length() + 1)));
    }
    for (String component : repository.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        return Optional.of(
            quoted
                + " is not a repository path: use '/'-separated components of lower-case"
                + " letters and digits, joined by '.', '_', '__' or '-'");
      }
    }
    if (registry != null && registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      return Optional.of(
          quoted + " makes the image name longer than " + MAX_NAME_LENGTH + " characters");
    }
    return Optional.empty();
  }

  private static Optional<String> notAHost(String quoted) {
    return Optional.of(
        quoted
            + " is not a registry host: write the host name and optional port only, like"
            + " ghcr.io or localhost:5000");
  }
}
