package io.imagefactory.worker.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the state files straight from a state repository on local disk (the embedded default's), at
 * the tip of its branch, from the object database: no clone, no checkout.
 */
final class LocalGitSnapshots implements StateSnapshots {

  private static final Logger log = LoggerFactory.getLogger(LocalGitSnapshots.class);

  // A state file is a few kilobytes; a huge blob is not one, and is not read into memory.
  private static final int MAX_FILE_BYTES = 1024 * 1024;

  private final Path gitDir;
  private final String branch;

  /** {@code repository} is a bare repository or a working tree holding {@code .git}. */
  LocalGitSnapshots(Path repository, String branch) {
    Path dotGit = repository.resolve(".git");
    this.gitDir = Files.isDirectory(dotGit) ? dotGit : repository;
    this.branch = branch;
  }

  @Override
  public SortedMap<String, byte[]> read() {
    try (Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).build();
        ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
      SortedMap<String, byte[]> files = new TreeMap<>();
      if (tip == null) {
        return files;
      }
      try (TreeWalk tree = new TreeWalk(reader)) {
        tree.addTree(walk.parseCommit(tip).getTree());
        tree.setRecursive(true);
        tree.setFilter(PathFilterGroup.createFromStrings("images", "base-images"));
        while (tree.next()) {
          if (tree.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
            continue;
          }
          try {
            files.put(
                tree.getPathString(),
                reader.open(tree.getObjectId(0), Constants.OBJ_BLOB).getBytes(MAX_FILE_BYTES));
          } catch (LargeObjectException e) {
            log.warn(
                "State file {} is larger than {} bytes; ignored",
                tree.getPathString(),
                MAX_FILE_BYTES);
          }
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the state repository " + gitDir, e);
    }
  }
}
