package io.imagefactory.sources;

import io.imagefactory.git.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Reads one file as a blob from a commit's tree, looking the path up one component at a time so
 * that a symbolic link or submodule anywhere on the way is reported rather than followed. Nothing
 * is checked out, so no entry can ever reach the local file system.
 */
public final class GitBlobReader {

  /** Dockerfiles are small; anything larger is refused before it is loaded. */
  static final long MAX_BYTES = 1024 * 1024;

  private GitBlobReader() {}

  /**
   * Reads {@code rawPath} at {@code commit}; {@code repo} and {@code branch} only label the result.
   */
  public static SourceFileResult read(
      Repository repository, ObjectId commit, String repo, String branch, String rawPath)
      throws IOException {
    String path;
    try {
      path = RepoPaths.normalize(rawPath);
    } catch (IllegalArgumentException e) {
      return fail(
          repo, branch, rawPath, commit, SourceProblem.PATH_OUTSIDE_REPOSITORY, e.getMessage());
    }
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk revWalk = new RevWalk(reader)) {
      ObjectId tree = revWalk.parseCommit(commit).getTree();
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length; i++) {
        boolean last = i == parts.length - 1;
        String walked = String.join("/", Arrays.copyOfRange(parts, 0, i + 1));
        String where = last ? "is" : "passes through '" + walked + "', which is";
        try (TreeWalk entry = entry(reader, tree, parts[i])) {
          if (entry == null) {
            return fail(repo, branch, rawPath, commit, SourceProblem.MISSING_FILE, "no such file");
          }
          FileMode mode = entry.getFileMode(0);
          if (FileMode.SYMLINK.equals(mode)) {
            return fail(
                repo, branch, rawPath, commit, SourceProblem.SYMLINK, where + " a symbolic link");
          }
          if (FileMode.GITLINK.equals(mode)) {
            return fail(
                repo, branch, rawPath, commit, SourceProblem.SUBMODULE, where + " a submodule");
          }
          boolean directory = FileMode.TREE.equals(mode);
          if (last && directory) {
            return fail(
                repo,
                branch,
                rawPath,
                commit,
                SourceProblem.DIRECTORY,
                "is a directory, not a file");
          }
          if (last) {
            return readBlob(reader, entry.getObjectId(0), repo, branch, rawPath, commit);
          }
          if (!directory) {
            return fail(
                repo,
                branch,
                rawPath,
                commit,
                SourceProblem.MISSING_FILE,
                "'" + walked + "' is a file, not a directory");
          }
          tree = entry.getObjectId(0);
        }
      }
      return fail(repo, branch, rawPath, commit, SourceProblem.MISSING_FILE, "no such file");
    }
  }

  /** The entry called {@code name} directly in {@code tree}, positioned on it; null if none. */
  private static TreeWalk entry(ObjectReader reader, ObjectId tree, String name)
      throws IOException {
    TreeWalk walk = new TreeWalk(reader);
    walk.addTree(tree);
    walk.setRecursive(false);
    while (walk.next()) {
      if (walk.getNameString().equals(name)) {
        return walk;
      }
    }
    walk.close();
    return null;
  }

  private static SourceFileResult readBlob(
      ObjectReader reader, ObjectId blob, String repo, String branch, String path, ObjectId commit)
      throws IOException {
    long size = reader.getObjectSize(blob, Constants.OBJ_BLOB);
    if (size > MAX_BYTES) {
      return fail(
          repo,
          branch,
          path,
          commit,
          SourceProblem.TOO_LARGE,
          "is " + size + " bytes, over the limit of " + MAX_BYTES);
    }
    byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getBytes();
    return SourceFileResult.found(
        repo, branch, path, commit.name(), new String(bytes, StandardCharsets.UTF_8));
  }

  private static SourceFileResult fail(
      String repo,
      String branch,
      String path,
      ObjectId commit,
      SourceProblem problem,
      String reason) {
    return SourceFileResult.failed(repo, branch, path, commit.name(), problem, reason);
  }
}
