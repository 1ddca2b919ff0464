package io.imagefactory.sources;

import io.imagefactory.git.GitCredentials;
import io.imagefactory.git.RemoteUrl;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which source repositories may be fetched, and with which credentials. {@code source.repo} is
 * either {@code owner/name}, expanded on the default host, or a full URL whose host must be
 * allowed; local repositories ({@code file://}, absolute paths) only when explicitly enabled.
 *
 * @param allowedHosts hosts (optionally {@code host:port}) repositories may come from; an entry
 *     without a port allows any port
 * @param defaultHost the host {@code owner/name} expands to ({@code github.com}, or a GitHub
 *     Enterprise host)
 * @param allowLocal true to allow {@code file://} URLs and absolute paths (tests, the embedded
 *     demo)
 * @param credentials the token per host ({@code host} or {@code host:port})
 */
public record SourceHosts(
    List<String> allowedHosts,
    String defaultHost,
    boolean allowLocal,
    Map<String, GitCredentials> credentials) {

  private static final Pattern SHORTHAND = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

  public SourceHosts {
    allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    defaultHost =
        defaultHost == null || defaultHost.isBlank()
            ? "github.com"
            : defaultHost.strip().toLowerCase(Locale.ROOT);
    credentials = Map.copyOf(new TreeMap<>(credentials));
  }

  /** github.com only, no credentials, no local repositories. */
  public static SourceHosts github() {
    return new SourceHosts(List.of("github.com"), "github.com", false, Map.of());
  }

  /** Local repositories only (tests and the embedded demo). */
  public static SourceHosts localOnly() {
    return new SourceHosts(List.of(), "github.com", true, Map.of());
  }

  public SourceHosts withAllowedHost(String host) {
    return new SourceHosts(
        Stream.concat(allowedHosts.stream(), Stream.of(host)).toList(),
        defaultHost,
        allowLocal,
        credentials);
  }

  public SourceHosts withDefaultHost(String host) {
    return new SourceHosts(allowedHosts, host, allowLocal, credentials);
  }

  public SourceHosts withLocalRepositories() {
    return new SourceHosts(allowedHosts, defaultHost, true, credentials);
  }

  public SourceHosts withCredentials(String host, GitCredentials token) {
    Map<String, GitCredentials> all = new TreeMap<>(credentials);
    all.put(host.toLowerCase(Locale.ROOT), token);
    return new SourceHosts(allowedHosts, defaultHost, allowLocal, all);
  }

  /**
   * Resolves {@code source.repo} to the remote to fetch, or throws an {@link
   * IllegalArgumentException} that says why it is refused. Never touches the network.
   */
  RemoteUrl resolve(String repo) {
    if (repo == null || repo.isBlank()) {
      throw new IllegalArgumentException("source.repo is empty");
    }
    String r = repo.strip();
    if (SHORTHAND.matcher(r).matches()) {
      String[] parts = r.split("/");
      if (parts[0].matches("\\.+") || parts[1].matches("\\.+(git)?")) {
        throw new IllegalArgumentException("source.repo '" + r + "' is not a valid owner/name");
      }
      String name = parts[1].endsWith(".git") ? parts[1] : parts[1] + ".git";
      r = "https://" + defaultHost + "/" + parts[0] + "/" + name;
    }
    RemoteUrl remote = RemoteUrl.parse(r);
    if (remote.local()) {
      if (!allowLocal) {
        throw new IllegalArgumentException(
            "source.repo '"
                + r
                + "' is a local repository, and local source repositories are not enabled");
      }
      return remote;
    }
    if (!allowed(remote.host())) {
      throw new IllegalArgumentException(
          "source.repo '"
              + r
              + "' is on host "
              + remote.host()
              + ", which is not an allowed source host "
              + allowedHosts);
    }
    return remote;
  }

  /** The credentials configured for the host of {@code remote}, or null. */
  GitCredentials credentialsFor(RemoteUrl remote) {
    if (remote.host() == null) {
      return null;
    }
    GitCredentials exact = credentials.get(remote.host());
    return exact != null ? exact : credentials.get(hostOnly(remote.host()));
  }

  private boolean allowed(String hostPort) {
    return allowedHosts.contains(hostPort) || allowedHosts.contains(hostOnly(hostPort));
  }

  private static String hostOnly(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return colon > 0 && !hostPort.endsWith("]") ? hostPort.substring(0, colon) : hostPort;
  }
}
