package io.imagefactory.backstage;

import io.imagefactory.statefiles.SourceConfig;

/**
 * Where a managed image's source lives on the web: its repository, the Dockerfile's directory at
 * the branch it is built from, and the build workflow (GitHub Actions) or pipelines (GitLab).
 *
 * @param repository the repository's web page; the other links are under it
 * @param slug {@code owner/name}, as the GitHub and GitLab plugins name a project
 * @param gitlab true when it is a GitLab project
 * @param branch the branch the image is built from
 */
record SourceLinks(String repository, String slug, boolean gitlab, String branch) {

  static final String GITLAB = "gitlab";

  /** The links of {@code source}, or null when its repository has no web page we know of. */
  static SourceLinks of(SourceConfig source, BackstageSettings settings) {
    boolean gitlab = GITLAB.equals(source.provider());
    if (source.inStateRepo()) {
      String web = settings.stateRepoUrl();
      String branch = source.branch() == null ? settings.stateRepoBranch() : source.branch();
      return web == null
          ? null
          : new SourceLinks(web, slugOf(web), isGitLab(web, settings), branch);
    }
    String repo = source.repo().strip();
    String web;
    if (repo.contains("://")) {
      web = WebUrls.base(repo);
    } else if (repo.startsWith("/")
        || repo.contains("..")
        || repo.contains("@")
        || repo.contains(":")) {
      web = null;
    } else {
      String host = gitlab ? settings.gitlabUrl() : "https://" + settings.sourceHost();
      web = WebUrls.base(host + "/" + WebUrls.path(repo.replaceAll("/+$", "")));
    }
    return web == null ? null : new SourceLinks(web, slugOf(web), gitlab, source.effectiveBranch());
  }

  /** {@code url:<the Dockerfile's directory at the branch>/}, Backstage's source-location form. */
  String sourceLocation(String dockerfile) {
    String dir = dockerfile == null ? "" : dockerfile.replaceAll("^/+", "");
    int slash = dir.lastIndexOf('/');
    dir = slash < 0 ? "" : dir.substring(0, slash + 1);
    return "url:"
        + repository
        + (gitlab ? "/-/tree/" : "/tree/")
        + WebUrls.path(branch)
        + "/"
        + WebUrls.path(dir);
  }

  /** The page of the build workflow's runs, or of the branch's pipelines on GitLab. */
  String workflow(String workflow) {
    if (gitlab) {
      return repository + "/-/pipelines";
    }
    if (workflow == null || workflow.isBlank()) {
      return null;
    }
    String file = workflow.substring(workflow.lastIndexOf('/') + 1);
    return repository + "/actions/workflows/" + WebUrls.path(file);
  }

  /** The page of {@code path} in this repository at the branch. */
  String file(String path) {
    return repository
        + (gitlab ? "/-/blob/" : "/blob/")
        + WebUrls.path(branch)
        + "/"
        + WebUrls.path(path);
  }

  /** The state repository's links, for state files; null when it has no web address. */
  static SourceLinks stateRepository(BackstageSettings settings) {
    String web = settings.stateRepoUrl();
    return web == null
        ? null
        : new SourceLinks(web, slugOf(web), isGitLab(web, settings), settings.stateRepoBranch());
  }

  private static boolean isGitLab(String web, BackstageSettings settings) {
    return web.startsWith(settings.gitlabUrl() + "/");
  }

  /** The path of the repository's page: {@code owner/name} (or {@code group/sub/name}). */
  private static String slugOf(String web) {
    int hostStart = web.indexOf("://") + 3;
    int pathStart = web.indexOf('/', hostStart);
    return pathStart < 0 ? null : web.substring(pathStart + 1);
  }
}
