package io.imagefactory.sources;

/**
 * The outcome of reading one file (a Dockerfile) from a repository at the tip of a branch: its text
 * and the commit it was read at, or the problem that stopped it. A result rather than an exception,
 * so one bad image never stops the analysis of the others.
 *
 * @param repo the repository as configured ({@code owner/name}, a URL, or null for the state repo)
 * @param branch the branch read
 * @param path the file path as configured
 * @param commitId the commit the file was read at; null when the branch could not be resolved
 * @param text the file's content (UTF-8); null on failure
 * @param problem null on success
 * @param message null on success; otherwise a sentence naming repository, branch and path
 */
public record SourceFileResult(
    String repo,
    String branch,
    String path,
    String commitId,
    String text,
    SourceProblem problem,
    String message) {

  public static SourceFileResult found(
      String repo, String branch, String path, String commitId, String text) {
    return new SourceFileResult(repo, branch, path, commitId, text, null, null);
  }

  public static SourceFileResult failed(
      String repo,
      String branch,
      String path,
      String commitId,
      SourceProblem problem,
      String reason) {
    String where = (repo == null ? "state repository" : repo) + " (branch " + branch + ") " + path;
    return new SourceFileResult(repo, branch, path, commitId, null, problem, where + ": " + reason);
  }

  /** True when the file was read. */
  public boolean ok() {
    return problem == null;
  }
}
