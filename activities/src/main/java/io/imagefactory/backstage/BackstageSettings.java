package io.imagefactory.backstage;

import io.imagefactory.catalog.EntityRefRules;
import java.util.Locale;

/**
 * How images become Backstage entities: the namespace they live in, who owns an image that names no
 * owner (and every base image), and where the web pages of source and state repositories are.
 *
 * @param namespace the Backstage namespace of every entity, {@value #DEFAULT_NAMESPACE} by default
 * @param defaultOwner the owner of images without {@code owner} and of base images; {@value
 *     #DEFAULT_OWNER} by default: Backstage requires an owner, and the team running Image Factory
 *     is the one answerable for the bases it discovers and for images nobody claimed
 * @param defaultSystem the System of images without {@code system} and of base images; none by
 *     default
 * @param sourceHost the host an {@code owner/name} GitHub repository lives on
 * @param gitlabUrl the GitLab instance an {@code owner/name} GitLab project lives on
 * @param stateRepoUrl the web address of the state repository (its https clone URL will do), for
 *     links to state files and to Dockerfiles kept in it; null when it has none (a local path)
 * @param stateRepoBranch the branch of the state repository
 */
public record BackstageSettings(
    String namespace,
    String defaultOwner,
    String defaultSystem,
    String sourceHost,
    String gitlabUrl,
    String stateRepoUrl,
    String stateRepoBranch) {

  public static final String DEFAULT_NAMESPACE = "default";
  public static final String DEFAULT_OWNER = "group:default/platform";
  public static final String DEFAULT_SOURCE_HOST = "github.com";
  public static final String DEFAULT_GITLAB_URL = "https://gitlab.com";
  public static final String DEFAULT_BRANCH = "main";

  /** Checks every setting, so a bad one stops the worker or the CLI before anything renders. */
  public BackstageSettings {
    namespace = blankToNull(namespace) == null ? DEFAULT_NAMESPACE : namespace.strip();
    if (!EntityRefRules.isValidNamespace(namespace)) {
      throw new IllegalArgumentException(
          "Backstage namespace '"
              + namespace
              + "' is not a DNS label (lower-case letters, digits,"
              + " single '-' between them, at most 63 characters)");
    }
    defaultOwner = blankToNull(defaultOwner) == null ? DEFAULT_OWNER : defaultOwner.strip();
    EntityRefRules.owner(defaultOwner).ifPresent(p -> fail("Backstage default owner " + p));
    defaultSystem = blankToNull(defaultSystem) == null ? null : defaultSystem.strip();
    if (defaultSystem != null) {
      EntityRefRules.system(defaultSystem).ifPresent(p -> fail("Backstage default system " + p));
    }
    sourceHost =
        blankToNull(sourceHost) == null
            ? DEFAULT_SOURCE_HOST
            : sourceHost.strip().toLowerCase(Locale.ROOT);
    gitlabUrl = WebUrls.base(blankToNull(gitlabUrl) == null ? DEFAULT_GITLAB_URL : gitlabUrl);
    stateRepoUrl = stateRepoUrl == null ? null : WebUrls.base(stateRepoUrl);
    stateRepoBranch = blankToNull(stateRepoBranch) == null ? DEFAULT_BRANCH : stateRepoBranch;
  }

  /** Every default: namespace {@code default}, owner {@code group:default/platform}, github.com. */
  public static BackstageSettings defaults() {
    return new BackstageSettings(null, null, null, null, null, null, null);
  }

  /** These settings with the state repository at {@code url} on {@code branch}. */
  public BackstageSettings withStateRepository(String url, String branch) {
    return new BackstageSettings(
        namespace, defaultOwner, defaultSystem, sourceHost, gitlabUrl, url, branch);
  }

  /** The reference {@code resource:<namespace>/<name>} of an image's entity. */
  String resourceRef(String name) {
    return "resource:" + namespace + "/" + name;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static void fail(String message) {
    throw new IllegalArgumentException(message);
  }
}
