package io.imagefactory.staterepo;

import io.imagefactory.git.GitCredentials;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the state repository lives and how to write to it.
 *
 * @param remote an https:// URL, a file:// URL or an absolute path of the remote repository
 * @param branch the branch holding the state
 * @param cacheDir the local bare repository fetched into and committed in
 * @param committerName author and committer of machine commits
 * @param committerEmail their e-mail address
 * @param credentials the token for an https remote, or null
 * @param maxPushAttempts how often a batch is re-applied on a new tip before giving up
 * @param timeout the network timeout of one fetch or push
 */
public record StateRepositorySettings(
    String remote,
    String branch,
    Path cacheDir,
    String committerName,
    String committerEmail,
    GitCredentials credentials,
    int maxPushAttempts,
    Duration timeout) {

  public static final String DEFAULT_BRANCH = "main";
  public static final String DEFAULT_COMMITTER_NAME = "Image Factory";
  public static final String DEFAULT_COMMITTER_EMAIL = "image-factory@localhost";

  public StateRepositorySettings {
    if (branch == null || branch.isBlank()) {
      branch = DEFAULT_BRANCH;
    }
    if (committerName == null || committerName.isBlank()) {
      committerName = DEFAULT_COMMITTER_NAME;
    }
    if (committerEmail == null || committerEmail.isBlank()) {
      committerEmail = DEFAULT_COMMITTER_EMAIL;
    }
    if (maxPushAttempts < 1) {
      maxPushAttempts = 5;
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      timeout = Duration.ofSeconds(60);
    }
  }

  /** Settings with every default: branch main, no credentials, 5 push attempts. */
  public static StateRepositorySettings of(String remote, Path cacheDir) {
    return new StateRepositorySettings(remote, null, cacheDir, null, null, null, 0, null);
  }

  public StateRepositorySettings withBranch(String newBranch) {
    return new StateRepositorySettings(
        remote,
        newBranch,
        cacheDir,
        committerName,
        committerEmail,
        credentials,
        maxPushAttempts,
        timeout);
  }

  public StateRepositorySettings withCredentials(GitCredentials newCredentials) {
    return new StateRepositorySettings(
        remote,
        branch,
        cacheDir,
        committerName,
        committerEmail,
        newCredentials,
        maxPushAttempts,
        timeout);
  }

  public StateRepositorySettings withCommitter(String name, String email) {
    return new StateRepositorySettings(
        remote, branch, cacheDir, name, email, credentials, maxPushAttempts, timeout);
  }

  public StateRepositorySettings withMaxPushAttempts(int attempts) {
    return new StateRepositorySettings(
        remote, branch, cacheDir, committerName, committerEmail, credentials, attempts, timeout);
  }
}
