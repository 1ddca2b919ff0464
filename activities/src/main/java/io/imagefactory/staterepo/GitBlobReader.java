package io.imagefactory.staterepo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * Reads one file as a blob from a commit's tree, walking the path one component at a time so
 * that a symbolic link or submodule anywhere on the way is reported rather than followed. Nothing
 * is checked out, so no entry can ever reach the local file system.
 */
final class GitBlobReader {

  /** Dockerfiles are small; anything larger is refused before it is loaded. */
  static final long MAX_BYTES = 1024 * 1024;

  private GitBlobReader() {}

  /** Reads {@code rawPath} at {@code commit}; {@code repo} and {@code branch} only label the result. */
  static SourceFileResult read(
      Repository repository, ObjectId commit, String repo, String branch, String rawPath)
      throws IOException {
    String path;
    try {
      path = RepoPaths.normalize(rawPath);
    } catch (IllegalArgumentException e) {
      return fail(repo, branch, rawPath, commit, SourceProblem.PATH_OUTSIDE_REPOSITORY, e.getMessage());
    }
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk revWalk = new RevWalk(reader);
        TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(revWalk.parseCommit(commit).getTree());
      walk.setRecursive(false);
      walk.setFilter(PathFilter.create(path));
      while (walk.next()) {
        String entry = walk.getPathString();
        FileMode mode = walk.getFileMode(0);
        boolean last = entry.equals(path);
        if (FileMode.SYMLINK.equals(mode)) {
          return fail(repo, branch, rawPath, commit, SourceProblem.SYMLINK,
              (last ? "is" : "passes through '" + entry + "', which is") + " a symbolic link");
        }
        if (FileMode.GITLINK.equals(mode)) {
          return fail(repo, branch, rawPath, commit, SourceProblem.SUBMODULE,
              (last ? "is" : "passes through '" + entry + "', which is") + " a submodule");
        }
        if (last && FileMode.TREE.equals(mode)) {
          return fail(repo, branch, rawPath, commit, SourceProblem.DIRECTORY, "is a directory, not a file");
        }
        if (last) {
          return readBlob(reader, walk.getObjectId(0), repo, branch, rawPath, commit);
        }
        if (!FileMode.TREE.equals(mode)) {
          return fail(repo, branch, rawPath, commit, SourceProblem.MISSING_FILE,
              "'" + entry + "' is a file, not a directory");
        }
        walk.enterSubtree();
      }
      return fail(repo, branch, rawPath, commit, SourceProblem.MISSING_FILE, "no such file");
    }
  }

  private static SourceFileResult readBlob(
      ObjectReader reader, ObjectId blob, String repo, String branch, String path, ObjectId commit)
      throws IOException {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    if (size > MAX_BYTES) {
      return fail(repo, branch, path, commit, SourceProblem.TOO_LARGE,
          "is " + size + " bytes, over the limit of " + MAX_BYTES);
    }
    byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getBytes();
    return SourceFileResult.found(repo, branch, path, commit.name(), new String(bytes, StandardCharsets.UTF_8));
  }

  private static SourceFileResult fail(
      String repo, String branch, String path, ObjectId commit, SourceProblem problem, String reason) {
    return SourceFileResult.failed(repo, branch, path, commit.name(), problem, reason);
  }
}
