package io.imagefactory.sources;

/** Why a file could not be read from a source repository; each is reported for one image. */
public enum SourceProblem {
  /**
   * {@code source.repo} is malformed, uses an unsupported transport, or its host is not allowed.
   */
  REPOSITORY_NOT_ALLOWED,
  /** The repository could not be fetched (network, authentication, not found). */
  FETCH_FAILED,
  /** The branch does not exist in the repository, or is not a valid branch name. */
  MISSING_BRANCH,
  /** The path is absolute, contains {@code ..}, or is otherwise malformed. */
  PATH_OUTSIDE_REPOSITORY,
  /** The path, or a directory on the way to it, is a symbolic link. */
  SYMLINK,
  /** The path, or a directory on the way to it, is a submodule (gitlink). */
  SUBMODULE,
  /** The path names a directory. */
  DIRECTORY,
  /** No file at the path. */
  MISSING_FILE,
  /** The file is larger than the limit for a Dockerfile. */
  TOO_LARGE
}
