/**
 * GitHub Actions as the CI that runs rebuilds: {@link io.imagefactory.github.GitHubCiProvider}
 * dispatches a workflow and reads its run, over {@link io.imagefactory.github.GitHubApi} (the JDK
 * HTTP client, one base URL: github.com or an Enterprise Server's {@code /api/v3}).
 *
 * <p><b>Credentials.</b> {@link io.imagefactory.github.GitHubCredentials} gives the token for a
 * repository: a personal access token read from a file at every use ({@link
 * io.imagefactory.github.GitHubTokenFile}), or a GitHub App ({@link
 * io.imagefactory.github.GitHubAppTokens}: JWT signed with the App's key, installation per owner,
 * installation token cached and refreshed before it expires). The same token serves git fetches on
 * that host.
 *
 * <p><b>Failures.</b> Every answer GitHub should not have given becomes a classified {@link
 * io.imagefactory.rebuild.CiException}: rejected (401, 403, 404, 422, with GitHub's message), rate
 * limited (the server's delay, never slept here) or unavailable (5xx, network). No message carries
 * a token.
 *
 * <p>Tests: {@code mvn -B -ntp -q -pl activities -am test -Dtest='io.imagefactory.github.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}. They run against {@code FakeGitHub}, the JDK's HTTP
 * server on 127.0.0.1 with fixtures from {@code src/test/resources/github/}, and a hand-moved
 * clock.
 */
package io.imagefactory.github;
