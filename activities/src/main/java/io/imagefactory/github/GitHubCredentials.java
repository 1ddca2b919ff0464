package io.imagefactory.github;

import io.imagefactory.rebuild.CiException;

/**
 * Where the token sent to GitHub comes from: a personal access token ({@link GitHubTokenFile}) or a
 * GitHub App ({@link GitHubAppTokens}). The same token serves git fetches of source repositories on
 * the same host (https, user name {@code x-access-token}).
 */
public interface GitHubCredentials {

  /**
   * The token to use now for requests about {@code repo}. An App installation belongs to the
   * repository's owner, so any repository of that owner yields the same installation token.
   *
   * @param repo {@code owner/name}
   * @throws CiException rejected when GitHub refuses the App or it is not installed for the owner,
   *     unavailable when a secret file cannot be read or GitHub does not answer
   */
  String tokenFor(String repo) throws CiException;
}
