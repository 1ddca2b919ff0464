package io.imagefactory.reference;

import java.util.Locale;
import java.util.Set;

/**
 * Docker Hub's host names and its {@code library/} namespace: the one place that knows them, for
 * the Dockerfile parser, the planner's base identities and the rendered Warehouses alike.
 */
public final class DockerHub {

  /** The canonical host, as Docker's normalisation writes it. */
  public static final String HOST = "docker.io";

  /** Where single-component names live: {@code node} is {@code library/node}. */
  public static final String LIBRARY = "library/";

  /** Every host name that means Docker Hub, lower-case. */
  public static final Set<String> ALIASES =
      Set.of(HOST, "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com");

  private DockerHub() {}

  /** Whether {@code host} (any case) is Docker Hub. */
  public static boolean is(String host) {
    return ALIASES.contains(host.toLowerCase(Locale.ROOT));
  }

  /** {@link #HOST} for any of Docker Hub's names, else {@code host} unchanged. */
  public static String canonical(String host) {
    return is(host) ? HOST : host;
  }

  /** Whether {@code repository} is an official image, in the {@code library/} namespace. */
  public static boolean isOfficial(String repository) {
    return repository.startsWith(LIBRARY);
  }

  /** The repository as people write it on Docker Hub: {@code library/node} is {@code node}. */
  public static String familiar(String repository) {
    return isOfficial(repository) ? repository.substring(LIBRARY.length()) : repository;
  }

  /** The repository with {@code library/} added where Docker Hub implies it. */
  public static String repository(String repository) {
    return repository.indexOf('/') < 0 ? LIBRARY + repository : repository;
  }
}
