package io.imagefactory.worker.config;

import io.imagefactory.git.GitCredentials;
import io.imagefactory.git.GitCredentials.TokenSource;
import io.imagefactory.github.GitHubCredentials;
import io.imagefactory.rebuild.CiProvider;
import io.imagefactory.rebuild.RebuildDestinations;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The CI systems the worker dispatches rebuilds to, with the git credentials each lends to source
 * fetches on its host: the same token or App that runs the builds reads the Dockerfiles.
 *
 * @param providers the configured providers; one without credentials is absent, and its dispatches
 *     are recorded
 * @param stateRepository {@code owner/name} of the state repository on GitHub, or null
 * @param gitCredentials per git host, the credentials the providers lend to source fetches
 */
public record CiProviders(
    List<CiProvider> providers,
    String stateRepository,
    Map<String, GitCredentials> gitCredentials) {

  public CiProviders {
    providers = List.copyOf(providers);
    gitCredentials = Map.copyOf(new TreeMap<>(gitCredentials));
  }

  /** Where rebuilds can go, for the enrollment's check of every image's target. */
  public RebuildDestinations destinations() {
    return new RebuildDestinations(
        providers.stream().map(CiProvider::name).collect(Collectors.toSet()), stateRepository);
  }

  /** Git fetches on a GitHub host with the provider's credentials, per repository owner. */
  static GitCredentials gitHubGitCredentials(GitHubCredentials credentials) {
    TokenSource source =
        url -> {
          try {
            return credentials.tokenFor(ownerAndName(url));
          } catch (io.imagefactory.rebuild.CiException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        };
    return GitCredentials.fromSource(GitCredentials.GITHUB_USERNAME, source);
  }

  /** {@code owner/name} of {@code https://host/owner/name.git}. */
  static String ownerAndName(String url) {
    String path = URI.create(url).getPath();
    String[] parts = path.replaceFirst("^/", "").replaceFirst("\\.git$", "").split("/");
    if (parts.length < 2) {
      throw new IllegalStateException("not a repository URL: " + url);
    }
    return parts[0] + "/" + parts[1];
  }

  /**
   * The state repository's {@code owner/name} on GitHub: configured, or read from an https state
   * repository URL on the GitHub host; null otherwise.
   */
  static String stateRepositoryOf(GitHubProperties github, StateRepoProperties stateRepo) {
    if (github.stateRepository() != null && !github.stateRepository().isBlank()) {
      return github.stateRepository();
    }
    String url = stateRepo.url();
    if (url == null || !url.startsWith("https://")) {
      return null;
    }
    URI uri = URI.create(url);
    if (!github.gitHost().equalsIgnoreCase(uri.getHost())) {
      return null;
    }
    String[] parts = uri.getPath().replaceFirst("^/", "").replaceFirst("\\.git$", "").split("/");
    return parts.length == 2 ? parts[0] + "/" + parts[1] : null;
  }
}
