package io.imagefactory.reference;

import java.util.Locale;

/**
 * How the planner names and compares image references: base identities, the familiar form of a
 * reference, Docker Hub normalisation, and the exact-tag regex a base's Warehouse allows.
 */
public final class ImageRefs {

  static final String DOCKER_HUB = DockerHub.HOST;

  private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}";

  private ImageRefs() {}

  /**
   * The identity of a base image: {@code registry/repository:tag} when a tag is given (a digest
   * beside it pins the reference, it does not make another base), else {@code
   * registry/repository@digest}.
   */
  public static String identity(String registry, String repository, String tag, String digest) {
    return repoKey(registry, repository) + (tag != null ? ":" + tag : "@" + digest);
  }

  /** {@code registry/repository}, with Docker Hub's aliases and {@code library/} normalised. */
  public static String repoKey(String registry, String repository) {
    String host = registry.toLowerCase(Locale.ROOT);
    if (DockerHub.is(host)) {
      return DockerHub.HOST + "/" + DockerHub.repository(repository);
    }
    return host + "/" + repository;
  }

  /**
   * The reference as people write it: {@code node:22-bookworm-slim}, {@code
   * gcr.io/distroless/static-debian12:nonroot}, {@code node@sha256:...}.
   */
  public static String familiar(String registry, String repository, String tag, String digest) {
    String name = registry + "/" + repository;
    if (DOCKER_HUB.equals(registry)) {
      name = DockerHub.familiar(repository);
    }
    return name + (tag != null ? ":" + tag : "@" + digest);
  }

  /** {@code ^<tag>$} with regex metacharacters escaped: {@code ^3\.12-slim$}. */
  public static String exactTagRegex(String tag) {
    StringBuilder regex = new StringBuilder("^");
    for (char c : tag.toCharArray()) {
      if (REGEX_SPECIALS.indexOf(c) >= 0) {
        regex.append('\\');
      }
      regex.append(c);
    }
    return regex.append('$').toString();
  }
}
