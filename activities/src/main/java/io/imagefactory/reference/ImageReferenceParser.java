package io.imagefactory.reference;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parses and normalises image references by Docker's rules (distribution/reference): the first path
 * component is a registry when it contains {@code .} or {@code :} or is {@code localhost};
 * otherwise the registry is {@code docker.io}, where single-component names get {@code library/}; a
 * reference with neither tag nor digest gets {@code latest}.
 */
public final class ImageReferenceParser {

  public static final String DOCKER_HUB = DockerHub.HOST;

  private static final int MAX_NAME_LENGTH = ImageReferences.MAX_NAME_LENGTH;

  private static final Pattern REPOSITORY =
      Pattern.compile(
          ImageReferences.PATH_COMPONENT + "(?:/" + ImageReferences.PATH_COMPONENT + ")*");
  // Docker's domain grammar, looser than a registry in images.yaml: a Dockerfile may name an
  // IPv6 host or upper-case letters, and Docker resolves them.
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:"
              + DOMAIN_COMPONENT
              + "(?:\\."
              + DOMAIN_COMPONENT
              + ")*|\\[[a-fA-F0-9:]+\\])"
              + "(?::[0-9]+)?");
  private static final Pattern TAG = ImageReferences.TAG;
  private static final Pattern DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

  public ImageReference parse(String text) throws InvalidImageReferenceException {
    // Long input is rejected before any pattern sees it, so matching stays cheap.
    if (text.length() > MAX_NAME_LENGTH + 1 + 128 + 1 + 7 + 128) {
      throw new InvalidImageReferenceException("reference is too long");
    }
    if (IMAGE_ID.matcher(text).matches()) {
      throw new InvalidImageReferenceException("a 64-character hex string is an image id");
    }
    String name = text;
    String digest = null;
    int at = text.indexOf('@');
    if (at >= 0) {
      name = text.substring(0, at);
      digest = text.substring(at + 1);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidImageReferenceException("invalid digest " + Excerpt.of(digest));
      }
    }
    String tag = null;
    int colon = name.indexOf(':', name.lastIndexOf('/') + 1);
    if (colon >= 0) {
      tag = name.substring(colon + 1);
      name = name.substring(0, colon);
      if (tag.isEmpty()) {
        throw new InvalidImageReferenceException("the tag is empty");
      }
      if (!TAG.matcher(tag).matches()) {
        throw new InvalidImageReferenceException("invalid tag " + Excerpt.of(tag));
      }
    }
    return normalise(name, tag == null && digest == null ? "latest" : tag, digest);
  }

  private static ImageReference normalise(String name, String tag, String digest)
      throws InvalidImageReferenceException {
    String registry = DOCKER_HUB;
    String repository = name;
    int slash = name.indexOf('/');
    if (slash >= 0) {
      String first = name.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = canonicalRegistry(first);
        repository = name.substring(slash + 1);
      }
    }
    if (registry.equals(DOCKER_HUB)) {
      repository = DockerHub.repository(repository);
    }
    if (!REGISTRY.matcher(registry).matches()) {
      throw new InvalidImageReferenceException("invalid registry " + Excerpt.of(registry));
    }
    if (!repository.toLowerCase(Locale.ROOT).equals(repository)) {
      throw new InvalidImageReferenceException(
          "repository name " + Excerpt.of(repository) + " must be lower-case");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw new InvalidImageReferenceException("invalid repository name " + Excerpt.of(repository));
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw new InvalidImageReferenceException(
          "repository name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** Docker Hub's other host names mean Docker Hub. */
  private static String canonicalRegistry(String host) {
    return DockerHub.canonical(host);
  }
}
